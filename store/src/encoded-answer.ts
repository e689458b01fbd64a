import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * An API answer as it is sent: its JSON bytes, serialised once, and their gzip and brotli forms, each
 * compressed the first time a client asks for it. The API sends these bytes as they are (see the
 * /search and /match routes), so a repeated request costs no work, no serialisation and no compression.
 *
 * Once kept in a cache (`keep()`), it holds bytes only: the response object (several times the size of
 * its JSON on the heap) is let go; `response` then parses the JSON. JSON.stringify says what the
 * routes' schema serializers said (every field of an answer is in its schema; the routes' tests check
 * the bytes against it).
 */
export class EncodedAnswer<T> {
  readonly body: Buffer;
  private object?: T;
  private gzipped?: Buffer;
  private brotli?: Buffer;

  constructor(response: T) {
    this.object = response;
    this.body = Buffer.from(JSON.stringify(response));
  }

  /** The answer as an object: the one it was made from until it is kept, then parsed from the bytes. */
  get response(): T {
    return this.object ?? (JSON.parse(this.body.toString('utf8')) as T);
  }

  /** Lets the response object go: a kept answer is bytes only. */
  keep(): this {
    this.object = undefined;
    return this;
  }

  /**
   * The body in `encoding`. Fast settings: an answer is compressed once per index generation, but with
   * every request distinct it is compressed on every request (brotli's default quality 11 costs ~5 ms).
   * Measured on 200 distinct search answers at 100,000 listings (21.6 kB of JSON on average): gzip 3
   * 0.18 ms, 5.8 kB; gzip 5 0.27 ms, 5.5 kB; brotli 4 0.37 ms, 5.5 kB; brotli 5 0.6 ms, 5.2 kB.
   */
  encoded(encoding: 'br' | 'gzip'): Buffer {
    if (encoding === 'gzip') return (this.gzipped ??= exactCopy(gzipSync(this.body, { level: 3 })));
    return (this.brotli ??= exactCopy(
      brotliCompressSync(this.body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
    ));
  }

  /** Bytes held now, for a cache's budget. */
  get size(): number {
    return this.body.length + (this.gzipped?.length ?? 0) + (this.brotli?.length ?? 0);
  }
}

/**
 * zlib's sync output is a view of a 16 KiB chunk: a kept 2 kB gzip held all 16 KiB (500 /match answers,
 * ~15 MB of ArrayBuffers for ~2 MB of gzip). A copy of its own size lets the chunk go.
 */
function exactCopy(view: Buffer): Buffer {
  if (view.buffer.byteLength <= view.length) return view;
  const copy = Buffer.allocUnsafeSlow(view.length);
  view.copy(copy);
  return copy;
}
