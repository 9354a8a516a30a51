import fc from 'fast-check';
import { OutboundAddressPolicy, parseIp } from './address-policy';
import { parseOutboundUrl } from './outbound-http';

describe(OutboundAddressPolicy.name, () => {
  const sut = new OutboundAddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::1', '6to4'],
    ['::7f00:1', 'ipv4Compatible'],
    ['100::1', 'discard'],
  ])('refuses %s (%s)', (address, range) => {
    const verdict = sut.check(address);

    expect(verdict).toMatchObject({ allowed: false, range });
    expect(verdict.allowed === false && verdict.reason).toContain('OUTBOUND_ALLOWED_NETWORKS');
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', '127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', '10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', '169.254.169.254', 'linkLocal'],
    ['[::1]', '::1', 'loopback'],
  ])('refuses %s as %s: IPv4-mapped and bracketed forms are the address they carry', (text, address, range) => {
    expect(sut.check(text)).toMatchObject({ allowed: false, address, range });
  });

  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e'])(
    'allows the public address %s',
    (address) => {
      expect(sut.check(address)).toMatchObject({ allowed: true, range: 'unicast' });
    },
  );

  it('refuses what is not a canonical IP address (names and shorthand are resolved or normalised first)', () => {
    for (const text of ['localhost', 'example.com', '127.1', '0x7f.0.0.1', '2130706433', '']) {
      expect(sut.check(text)).toMatchObject({ allowed: false, range: 'invalid' });
    }
  });

  it('allows the networks the installation lists, and nothing beside them', () => {
    const allowing = new OutboundAddressPolicy(['127.0.0.1/32', '10.20.0.0/16', '::1', '::ffff:192.168.7.0/120']);

    for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '10.20.3.4', '::1', '192.168.7.9']) {
      expect(allowing.check(address)).toMatchObject({ allowed: true });
    }
    for (const address of ['127.0.0.2', '10.21.0.1', '169.254.169.254', '192.168.8.1', 'fd00::1']) {
      expect(allowing.check(address)).toMatchObject({ allowed: false });
    }
  });

  it('refuses to start with a network that does not parse, naming it', () => {
    expect(() => new OutboundAddressPolicy(['10.0.0.0/33'])).toThrow('"10.0.0.0/33" is not a network');
    expect(() => new OutboundAddressPolicy(['intranet'])).toThrow('"intranet" is not a network');
  });

  it('refuses every IPv4 address of the non-public ranges, in any of its IPv6-mapped spellings (property)', () => {
    const privateV4 = fc.oneof(
      fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(0), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.integer({ min: 224, max: 255 }), fc.nat(255), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(privateV4, (octets) => {
        const dotted = octets.join('.');
        const hex = `${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
        for (const spelling of [dotted, `::ffff:${dotted}`, `::ffff:${hex}`, `[::ffff:${dotted}]`]) {
          if (sut.check(spelling).allowed) return false;
        }
        return true;
      }),
    );
  });
});

describe('outbound URLs as the WHATWG parser normalises them', () => {
  const sut = new OutboundAddressPolicy();
  const hostOf = (raw: string) => parseOutboundUrl(raw).hostname;

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0x0a.0.0.1/', '10.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[::1]:8080/hook', '[::1]'],
    ['http://[0:0:0:0:0:0:0:1]/', '[::1]'],
  ])('%s is the literal %s, which is refused', (raw, host) => {
    expect(hostOf(raw)).toBe(host);
    expect(parseIp(host)).not.toBeNull();
    expect(sut.check(host).allowed).toBe(false);
  });

  it('takes only http and https, without credentials', () => {
    for (const raw of ['ftp://example.com/', 'file:///etc/passwd', 'gopher://x/', 'javascript:alert(1)', 'nope']) {
      expect(() => parseOutboundUrl(raw)).toThrow(/http or https|valid absolute URL/);
    }
    expect(() => parseOutboundUrl('https://user:secret@hooks.example.com/')).toThrow('credentials');
    expect(parseOutboundUrl('HTTPS://Hooks.Example.COM/a?b=1').href).toBe('https://hooks.example.com/a?b=1');
  });
});
