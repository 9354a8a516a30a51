import { appendExtension, extensionOf, MAX_FILE_NAME_LENGTH, sanitizeFileName } from './file-name';

describe(sanitizeFileName.name, () => {
  it.each([
    ['../../etc/passwd.png', 'passwd.png'],
    ['C:\\Users\\ada\\photo.jpg', 'photo.jpg'],
    ['/absolute/path/x.pdf', 'x.pdf'],
    ['..', 'file'],
    ['', 'file'],
    ['   ', 'file'],
    ['.htaccess', 'htaccess'],
    ['name. ', 'name'],
    ['a\u0000b\u0007c\u001b.png', 'abc.png'],
    ['invoice\u202egpj.exe', 'invoicegpj.exe'],
    ['zero\u200bwidth.png', 'zerowidth.png'],
    ['line\nbreak\r\n2.png', 'line break 2.png'],
    ['tabs\tand   spaces.png', 'tabs and spaces.png'],
    ['what?<is>this:"|*.png', 'whatisthis.png'],
    ['CON.png', '_CON.png'],
    ['lpt1', '_lpt1'],
    ['Café Ünïcode.png', 'Café Ünïcode.png'],
    ['Cafe\u0301.png', 'Café.png'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('cuts long names and keeps their extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(500)}.JPEG`);
    expect([...name]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.JPEG')).toBe(true);
  });
});

describe(extensionOf.name, () => {
  it.each([
    ['photo.JPG', 'jpg'],
    ['archive.tar.gz', 'gz'],
    ['noext', null],
    ['trailing.', null],
    ['weird.e x', null],
  ])('%j → %j', (name, expected) => {
    expect(extensionOf(name)).toBe(expected);
  });
});

describe(appendExtension.name, () => {
  it('appends, staying within the length limit', () => {
    expect(appendExtension('scan', 'pdf')).toBe('scan.pdf');
    expect(appendExtension('scan.v2', 'pdf')).toBe('scan.v2.pdf');
    expect([...appendExtension('b'.repeat(MAX_FILE_NAME_LENGTH), 'png')]).toHaveLength(MAX_FILE_NAME_LENGTH);
  });
});
