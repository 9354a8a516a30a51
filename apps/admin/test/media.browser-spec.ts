import sharp from 'sharp';
import { WorkspacesResolver } from '@quire/workspaces';
import { useConsoleSuite } from './console-suite';

/** The largest upload in this suite's API: big enough for the test images, small enough to refuse a made-up one. */
const UPLOAD_LIMIT = '200kb';

/**
 * The media library (pages/media) in Chromium on the real API, storage and PostgreSQL: uploads by choosing and by
 * dropping files with a row per file (progress, done, the API's refusal), the detail page's alt text and focal
 * point as the API then answers them, folders with a bulk move and tags, the list view, and a viewer who may only
 * look. axe checks every screen. The picker dialog (media-picker.dialog.ts) is exercised by the entry editor's spec.
 */
describe('media library in Chromium', () => {
  // URL imports may fetch from this machine (the test API itself), as from any public site.
  const suite = useConsoleSuite('media', {
    env: { MEDIA_MAX_UPLOAD_BYTES: UPLOAD_LIMIT, OUTBOUND_ALLOWED_NETWORKS: '127.0.0.1' },
  });
  const { journey, expectAccessible, signUp } = suite;

  const png = (background: string) =>
    sharp({ create: { width: 64, height: 48, channels: 3, background } })
      .png()
      .toBuffer();
  const jpeg = (background: string) =>
    sharp({ create: { width: 80, height: 60, channels: 3, background } })
      .jpeg()
      .toBuffer();

  async function ownerWithLibrary() {
    const owner = await signUp('Olga Owner');
    const workspace = await suite.workspaceOf(owner);
    return { owner, workspace };
  }

  async function uploadThroughApi(slug: string, token: string, fileName: string, bytes: Buffer): Promise<string> {
    const answer = await suite.sut.http
      .post(`/api/v1/workspaces/${slug}/media`)
      .set('Authorization', `Bearer ${token}`)
      .attach('file', bytes, fileName)
      .expect(201);
    return answer.body.id as string;
  }

  /** True once the row's image has decoded: the variant route answered the session's cookie with pixels. */
  async function thumbnailLoaded(fileName: string): Promise<void> {
    await suite.page.waitForFunction((name) => {
      const image = document.querySelector<HTMLImageElement>(`[data-asset="${name}"] img`);
      return !!image && image.complete && image.naturalWidth > 0;
    }, fileName);
  }

  journey('the owner uploads an image and sets its alt text and focal point', async () => {
    const { owner, workspace } = await ownerWithLibrary();
    const { page } = suite;

    await suite.signInAt(`/w/${workspace.slug}/media`, owner.email);
    await page.getByRole('heading', { name: 'Media', exact: true }).waitFor();
    await page.getByTestId('media-empty').waitFor();
    await expectAccessible();

    // Chosen with the file button: a row with a bar, then "Uploaded", then the thumbnail in the grid.
    await page.getByTestId('media-file-input').setInputFiles({
      name: 'harbour.png',
      mimeType: 'image/png',
      buffer: await png('#c33'),
    });
    const row = page.locator('[data-upload="harbour.png"]');
    await row.getByTestId('upload-progress').waitFor();
    await page.locator('[data-upload="harbour.png"][data-state="done"]').waitFor();
    expect(await row.getByTestId('upload-progress').evaluate((bar) => (bar as HTMLProgressElement).value)).toBe(100);
    await thumbnailLoaded('harbour.png');
    // Sent with XMLHttpRequest, the transport that reports upload progress (fetch cannot).
    const uploadTransport = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\/api\/v1\/workspaces\/[^/]+\/media$/.test(entry.name))
        .map((entry) => (entry as PerformanceResourceTiming).initiatorType),
    );
    expect(uploadTransport).toEqual(['xmlhttprequest']);

    // Dropped on the page: a DataTransfer holding a JPEG, as a file manager's drag carries it.
    const dropped = (await jpeg('#36c')).toString('base64');
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'lighthouse.jpg', { type: 'image/jpeg' }));
      const zone = document.querySelector('[data-testid="media-drop-zone"]')!;
      for (const type of ['dragenter', 'dragover', 'drop'])
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, dropped);
    await page.locator('[data-upload="lighthouse.jpg"][data-state="done"]').waitFor();
    await thumbnailLoaded('lighthouse.jpg');

    // Refused files: text calling itself an image (415), and one past MEDIA_MAX_UPLOAD_BYTES (413).
    await page.getByTestId('media-file-input').setInputFiles([
      {
        name: 'notes.png',
        mimeType: 'image/png',
        buffer: Buffer.from('just some text, no picture at all\n'.repeat(20)),
      },
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([await png('#000'), Buffer.alloc(400 * 1024)]) },
    ]);
    const refusedType = page.locator('[data-upload="notes.png"][data-state="failed"]');
    await refusedType.waitFor();
    expect(await refusedType.getByTestId('upload-error').textContent()).toContain('File type not allowed');
    const tooLarge = page.locator('[data-upload="huge.png"][data-state="failed"]');
    await tooLarge.waitFor();
    expect(await tooLarge.getByTestId('upload-error').textContent()).toContain('File too large');
    expect(await page.locator('[data-asset]').count()).toBe(2);
    await expectAccessible();

    // The detail page: alt text typed, focal point clicked on the image and nudged with the keyboard, saved.
    await page.locator('[data-asset="harbour.png"]').getByRole('link', { name: 'harbour.png' }).click();
    await page.getByTestId('asset-title').filter({ hasText: 'harbour.png' }).waitFor();
    await page.getByTestId('asset-form').waitFor();
    await expectAccessible();
    await page.getByLabel('Alt text').fill('A red harbour wall at noon');
    const image = page.getByTestId('focal-point').locator('img');
    await image.evaluate((img: HTMLImageElement) => img.decode());
    const box = (await image.boundingBox())!;
    await image.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } });
    await page.getByTestId('focal-value').filter({ hasText: 'Not saved yet' }).waitFor();
    await page.getByTestId('focal-point').press('ArrowRight');
    await page.getByTestId('asset-save').click();
    await page.getByTestId('asset-saved').waitFor();
    await expectAccessible();

    const assetId = page.url().split('/').pop()!;
    const answer = await suite.sut.http
      .get(`/api/v1/workspaces/${workspace.slug}/media/${assetId}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    expect(answer.body.altText).toBe('A red harbour wall at noon');
    expect(answer.body.focalPoint.x).toBeCloseTo(0.3, 1);
    expect(answer.body.focalPoint.y).toBeCloseTo(0.75, 1);
    expect(answer.body.fileName).toBe('harbour.png');

    // Back in the library the uploads' rows are still there (they belong to the media screens, not one page).
    await page.getByRole('link', { name: '← All media' }).click();
    await page.locator('[data-upload="harbour.png"][data-state="done"]').waitFor();

    // The lighthouse is deleted from its page, after a confirmation; the API no longer has it.
    await page.locator('[data-asset="lighthouse.jpg"]').getByRole('link').click();
    await page.getByTestId('asset-form').waitFor();
    const lighthouseId = page.url().split('/').pop()!;
    const download = page.waitForEvent('download');
    await page.getByTestId('asset-download').click();
    expect((await download).suggestedFilename()).toBe('lighthouse.jpg');
    await page.getByTestId('asset-delete').click();
    await page.getByRole('alertdialog').waitFor();
    await expectAccessible();
    await page.getByTestId('confirm-ok').click();
    await page.getByRole('heading', { name: 'Media', exact: true }).waitFor();
    await page.locator('[data-asset="harbour.png"]').waitFor();
    expect(await page.locator('[data-asset="lighthouse.jpg"]').count()).toBe(0);
    await suite.sut.http
      .get(`/api/v1/workspaces/${workspace.slug}/media/${lighthouseId}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(404);
  });

  journey('the owner files an image into a new folder and tags a selection', async () => {
    const { owner, workspace } = await ownerWithLibrary();
    const { page } = suite;
    const slug = workspace.slug;
    const boatId = await uploadThroughApi(slug, owner.token, 'boat.png', await png('#393'));
    const netId = await uploadThroughApi(slug, owner.token, 'net.png', await png('#993'));

    await suite.signInAt(`/w/${slug}/media`, owner.email);
    await page.locator('[data-asset="boat.png"]').waitFor();

    // A folder, with the API's refusal of a taken name on the field first.
    await page.getByTestId('folder-new').click();
    await page.getByTestId('folder-name').fill('Press kit');
    await page.getByTestId('folder-save').click();
    await page.locator('[data-folder="Press kit"]').waitFor();
    await page.getByTestId('folder-new').click();
    await page.getByTestId('folder-name').fill('press KIT');
    await page.getByTestId('folder-save').click();
    await page
      .getByRole('dialog')
      .getByText(/taken|exists|already/i)
      .first()
      .waitFor();
    await expectAccessible();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Select the boat, move it with the bulk action.
    await page.getByLabel('Select boat.png').check();
    await page.getByTestId('selection-bar').waitFor();
    await expectAccessible();
    await page.getByTestId('bulk-move').click();
    await page.getByTestId('move-target').selectOption({ label: 'Press kit' });
    await expectAccessible();
    await page.getByTestId('move-confirm').click();
    await page.locator('[data-asset="boat.png"]').waitFor({ state: 'detached' });
    expect(await page.getByTestId('selection-bar').count()).toBe(0);

    // Both remaining and moved files get a tag through the bulk tags action (in the folder).
    await page.locator('[data-folder="Press kit"]').click();
    await page.getByTestId('open-folder').filter({ hasText: 'Press kit' }).waitFor();
    await page.locator('[data-asset="boat.png"]').waitFor();
    await page.getByLabel('Select boat.png').check();
    await page.getByTestId('bulk-tag').fill('Summer');
    await page.getByTestId('bulk-tag-add').click();
    await page.getByRole('status').filter({ hasText: 'added to the selected files' }).waitFor();

    const boat = await suite.sut.http
      .get(`/api/v1/workspaces/${slug}/media/${boatId}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    const folders = await suite.sut.http
      .get(`/api/v1/workspaces/${slug}/media-folders`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    const pressKit = (folders.body.data as Array<{ id: string; name: string }>).find((f) => f.name === 'Press kit');
    expect(boat.body.folderId).toBe(pressKit?.id);
    expect(boat.body.tags).toEqual(['summer']);

    // The list view of the folder, searched.
    await page.getByTestId('view-list').click();
    await page.getByTestId('media-list').locator('[data-asset="boat.png"]').waitFor();
    await expectAccessible();
    await page.getByTestId('media-search').fill('nothing-like-this');
    await page.getByTestId('media-empty').waitFor();

    // The net stays at the top level, found there by name.
    await page.getByRole('link', { name: 'All media' }).click();
    await page.getByTestId('media-search').fill('net');
    await page.getByTestId('media-list').locator('[data-asset="net.png"]').waitFor();
    const net = await suite.sut.http
      .get(`/api/v1/workspaces/${slug}/media/${netId}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    expect(net.body.folderId).toBeNull();

    // The net is deleted with the bulk action, after a confirmation.
    await page.getByLabel('Select net.png').check();
    await page.getByTestId('bulk-delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('media-empty').waitFor();
    await suite.sut.http
      .get(`/api/v1/workspaces/${slug}/media/${netId}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(404);

    // The folder renamed, then deleted with what it holds.
    await page.getByTestId('media-search').fill('');
    await page.locator('[data-folder="Press kit"]').click();
    await page.getByTestId('folder-rename').click();
    await page.getByTestId('folder-name').fill('Press kit 2026');
    await page.getByTestId('folder-save').click();
    await page.getByTestId('open-folder').filter({ hasText: 'Press kit 2026' }).waitFor();
    await page.getByTestId('folder-delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('media-empty').waitFor();
    expect(await page.locator('[data-folder]').count()).toBe(0);
    await suite.sut.http
      .get(`/api/v1/workspaces/${slug}/media/${boatId}`)
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(404);
  });

  journey('the owner imports a file from a URL', async () => {
    const { owner, workspace } = await ownerWithLibrary();
    const { page } = suite;
    const id = await uploadThroughApi(workspace.slug, owner.token, 'buoy.png', await png('#c93'));

    await suite.signInAt(`/w/${workspace.slug}/media`, owner.email);
    await page.locator('[data-asset="buoy.png"]').waitFor();

    // A private address is refused on the URL field.
    await page.getByTestId('media-import').click();
    await page.getByTestId('import-url').fill('http://10.1.2.3/photo.jpg');
    await page.getByTestId('import-submit').click();
    await page.getByRole('dialog').locator('mat-error').filter({ hasText: /\S/ }).waitFor();
    await expectAccessible();

    // The public variant of the buoy, fetched by the API and stored as a new file.
    const variant = `${suite.sut.url}/api/v1/delivery/${workspace.id}/media/${id}/variants/small`;
    await page.getByTestId('import-url').fill(variant);
    await page.getByTestId('import-file-name').fill('buoy-small.webp');
    await page.getByTestId('import-submit').click();
    await page.locator('[data-asset="buoy-small.webp"]').waitFor();
    await thumbnailLoaded('buoy-small.webp');
    const list = await suite.sut.http
      .get(`/api/v1/workspaces/${workspace.slug}/media`)
      .query({ 'filter[fileName][eq]': 'buoy-small.webp' })
      .set('Authorization', `Bearer ${owner.token}`)
      .expect(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].mimeType).toBe('image/webp');
  });

  journey('a viewer browses the library without changing anything', async () => {
    const { owner, workspace } = await ownerWithLibrary();
    const { page } = suite;
    const id = await uploadThroughApi(workspace.slug, owner.token, 'quay.png', await png('#666'));
    // An entry uses it, so its page lists where.
    await suite.sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/content-types`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({
        apiId: 'post',
        kind: 'collection',
        name: 'Post',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'cover', type: 'media', localized: false },
        ],
      })
      .expect(201);
    await suite.sut.http
      .post(`/api/v1/workspaces/${workspace.slug}/content-types/post/entries`)
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ data: { title: 'Quay at dawn', cover: id } })
      .expect(201);
    const viewer = await signUp('Vera Viewer');
    await suite.sut.app.get(WorkspacesResolver).ensureMember(workspace.id, viewer.userId, 'viewer');

    await suite.signInAt(`/w/${workspace.slug}/media`, viewer.email);
    await page.locator('[data-asset="quay.png"]').waitFor();
    expect(await page.getByTestId('media-upload').count()).toBe(0);
    expect(await page.getByTestId('folder-new').count()).toBe(0);
    expect(await page.getByTestId('asset-select').count()).toBe(0);
    await expectAccessible();

    await page.goto(`${suite.sut.url}/admin/w/${workspace.slug}/media/${id}`);
    await page.getByTestId('asset-form').waitFor();
    expect(await page.getByTestId('asset-save').count()).toBe(0);
    expect(await page.getByTestId('asset-delete').count()).toBe(0);
    expect(await page.getByLabel('Alt text').isDisabled()).toBe(true);
    expect(await page.getByTestId('focal-point').isDisabled()).toBe(true);
    await page.getByTestId('asset-download').waitFor();
    const usages = page.getByTestId('asset-usages');
    await usages.getByRole('link', { name: 'Quay at dawn' }).waitFor();
    expect(await usages.textContent()).toMatch(/post[\s\S]*cover/);
    await expectAccessible();

    // At tablet width both screens fit the screen.
    await page.setViewportSize({ width: 820, height: 1000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await page.getByRole('link', { name: '← All media' }).click();
    await page.locator('[data-asset="quay.png"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await expectAccessible();
  });
});
