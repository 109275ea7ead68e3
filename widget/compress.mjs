// Writes the copies the collector sends instead of each file: FILE.br
// (brotli, quality 11) and FILE.gz (gzip, level 9), compressed once here
// rather than on every request. Node's zlib is deterministic, so the same
// build gives the same bytes (and the same ETags).
//
//   node widget/compress.mjs FILE...
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The brotli and gzip encodings of `bytes`, as the collector serves them. */
export function compress(bytes, { text = false } = {}) {
  return {
    br: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz: gzipSync(bytes, { level: 9 }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node compress.mjs FILE...');
    process.exit(2);
  }
  for (const file of files) {
    const { br, gz } = compress(readFileSync(file), { text: file.endsWith('.js') || file.endsWith('.json') });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gz);
  }
}
