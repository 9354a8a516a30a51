import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as validator from '@authenio/samlify-node-xmllint';
import * as samlify from 'samlify';

const KEYS = join(__dirname, 'sso-keys');
type SamlIdentityProvider = ReturnType<typeof samlify.IdentityProvider>;
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

// The schema validator checks every message samlify parses (our AuthnRequests) against the SAML XSDs.
samlify.setSchemaValidator(validator);

/** A Response with an authentication statement and the user's email and display name as attributes. */
const RESPONSE_TEMPLATE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">' +
  '<saml:Issuer>{Issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="{StatusCode}"/></samlp:Status>' +
  '<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}">' +
  '<saml:Issuer>{Issuer}</saml:Issuer>' +
  '<saml:Subject><saml:NameID Format="{NameIDFormat}">{NameID}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{SubjectConfirmationDataNotOnOrAfter}" Recipient="{SubjectRecipient}" InResponseTo="{InResponseTo}"/></saml:SubjectConfirmation></saml:Subject>' +
  '<saml:Conditions NotBefore="{ConditionsNotBefore}" NotOnOrAfter="{ConditionsNotOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>' +
  '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{AssertionID}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>' +
  '<saml:AttributeStatement>' +
  '<saml:Attribute Name="email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">{Email}</saml:AttributeValue></saml:Attribute>' +
  '<saml:Attribute Name="displayName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue xsi:type="xs:string">{DisplayName}</saml:AttributeValue></saml:Attribute>' +
  '</saml:AttributeStatement></saml:Assertion></samlp:Response>';

/** How the identity provider answers the next AuthnRequest (then it goes back to a well-formed answer). */
export interface SamlAnswer {
  /** Sign with the attacker's key instead of the IdP's (the SP trusts only the IdP's certificate). */
  signWith?: 'idp' | 'attacker';
  audience?: string;
  /** The assertion's validity ended an hour ago. */
  expired?: boolean;
  /** Answer another request than the one received. */
  inResponseTo?: string;
  /** An unsigned Responder/AuthnFailed status and no assertion, as an IdP answers a failed login. */
  failed?: boolean;
}

export interface SamlUser {
  email: string;
  displayName: string;
}

/**
 * A SAML 2.0 identity provider made with samlify on a loopback port: it receives AuthnRequests by
 * HTTP-Redirect at /sso, validates them against the schema and the trusted SP's metadata, authenticates the
 * configured user, and answers a signed Response through an auto-submitting HTML form (HTTP-POST binding), as
 * real IdPs do.
 */
export class SsoSamlIdp {
  /** The certificate the SP must be configured with. */
  readonly certificate = readFileSync(join(KEYS, 'idp.crt'), 'utf8');
  user: SamlUser = { email: 'nobody@example.com', displayName: 'Nobody' };
  next: SamlAnswer = {};
  /** ID of the last AuthnRequest received. */
  lastRequestId: string | null = null;
  private sp: ReturnType<typeof samlify.ServiceProvider> | null = null;
  private readonly signers: Record<'idp' | 'attacker', SamlIdentityProvider>;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    const identityProvider = (key: 'idp' | 'attacker') =>
      samlify.IdentityProvider({
        entityID: this.entityId,
        signingCert: readFileSync(join(KEYS, `${key}.crt`), 'utf8'),
        privateKey: readFileSync(join(KEYS, `${key}.key`), 'utf8'),
        isAssertionEncrypted: false,
        nameIDFormat: [EMAIL_FORMAT],
        singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: this.ssoUrl }],
        singleLogoutService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${this.url}/slo` }],
        loginResponseTemplate: { context: RESPONSE_TEMPLATE, attributes: [] },
      });
    this.signers = { idp: identityProvider('idp'), attacker: identityProvider('attacker') };
  }

  static async start(): Promise<SsoSamlIdp> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const idp = new SsoSamlIdp(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      idp.handle(request, response).catch((error: unknown) => {
        response.statusCode = 400;
        response.end(String(error));
      });
    });
    return idp;
  }

  get entityId(): string {
    return `${this.url}/metadata`;
  }

  get ssoUrl(): string {
    return `${this.url}/sso`;
  }

  /** Trusts a service provider by its metadata (Quire's GET …/saml/:id/metadata); it must sign both levels. */
  trust(spMetadata: string): void {
    this.sp = samlify.ServiceProvider({ metadata: spMetadata, wantMessageSigned: true });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (url.pathname !== '/sso' || !this.sp) {
      response.statusCode = 404;
      response.end();
      return;
    }
    const answer = this.next;
    this.next = {};
    const query = Object.fromEntries(url.searchParams);
    const parsed = await this.signers.idp.parseLoginRequest(this.sp, 'redirect', { query });
    const requestId = (parsed.extract.request as { id: string }).id;
    this.lastRequestId = requestId;
    const acs = this.sp.entityMeta.getAssertionConsumerService('post') as string;
    const samlResponse = answer.failed
      ? this.failedResponse(requestId, acs)
      : await this.signed(answer, parsed, requestId, acs);
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      `<html><body onload="document.forms[0].submit()"><form method="post" action="${acs}">` +
        `<input type="hidden" name="SAMLResponse" value="${samlResponse}"/>` +
        `<input type="hidden" name="RelayState" value="${escape(query.RelayState ?? '')}"/>` +
        '</form></body></html>',
    );
  }

  /** A signed Responder/AuthnFailed status without an assertion: the IdP could not authenticate the user. */
  private failedResponse(requestId: string, acs: string): string {
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId()}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${acs}" InResponseTo="${requestId}">` +
      `<saml:Issuer>${this.entityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder">` +
      '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode></samlp:Status></samlp:Response>';
    return samlify.SamlLib.constructSAMLSignature({
      rawSamlMessage: xml,
      privateKey: readFileSync(join(KEYS, 'idp.key'), 'utf8'),
      // As samlify keeps certificates: the base64 body, without the PEM armour.
      signingCert: this.certificate.replace(/-----[A-Z ]+-----|\s+/g, ''),
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      isMessageSigned: true,
      isBase64Output: true,
      signatureConfig: {
        prefix: 'ds',
        location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: 'after' },
      },
    });
  }

  private async signed(
    answer: SamlAnswer,
    parsed: Awaited<ReturnType<SamlIdentityProvider['parseLoginRequest']>>,
    requestId: string,
    acs: string,
  ): Promise<string> {
    const signer = this.signers[answer.signWith ?? 'idp'];
    const now = Date.now();
    const notBefore = new Date(answer.expired ? now - 2 * 3_600_000 : now - 5_000).toISOString();
    const notOnOrAfter = new Date(answer.expired ? now - 3_600_000 : now + 5 * 60_000).toISOString();
    const { context } = await signer.createLoginResponse(
      this.sp!,
      { extract: parsed.extract },
      'post',
      { ...this.user },
      {
        customTagReplacement: (template: string) => {
          const id = samlId();
          return {
            id,
            context: samlify.SamlLib.replaceTagsByValue(template, {
              ID: id,
              AssertionID: samlId(),
              Destination: acs,
              Audience: answer.audience ?? this.sp!.entityMeta.getEntityID(),
              SubjectRecipient: acs,
              Issuer: this.entityId,
              IssueInstant: new Date(answer.expired ? now - 2 * 3_600_000 : now).toISOString(),
              StatusCode: SUCCESS,
              ConditionsNotBefore: notBefore,
              ConditionsNotOnOrAfter: notOnOrAfter,
              SubjectConfirmationDataNotOnOrAfter: notOnOrAfter,
              NameIDFormat: EMAIL_FORMAT,
              NameID: this.user.email,
              InResponseTo: answer.inResponseTo ?? requestId,
              Email: this.user.email,
              DisplayName: this.user.displayName,
            }),
          };
        },
      },
    );
    return context;
  }
}

function samlId(): string {
  return `_${randomBytes(16).toString('hex')}`;
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
