/** Text helpers shared by the markdown and notebook parsers. */

/** Removes a leading UTF-8 byte order mark and turns CRLF and CR line endings into LF. */
export function normaliseText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, '\n');
}

/** Number of lines of normalised text; a final newline does not start another line. */
export function countLines(text: string): number {
  if (text === '') {
    return 0;
  }
  const breaks = text.split('\n').length - 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}

/**
 * Decodes file bytes as UTF-8. Throws a TypeError when the bytes are not valid
 * UTF-8 or contain a NUL byte, which both mean the file is not a text file.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.includes(0)) {
    throw new TypeError('the file contains NUL bytes, so it is binary, not text');
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Turns a file or folder name such as "depth-anything" into "Depth Anything". */
export function titleCase(name: string): string {
  return name
    .split(/[-_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
