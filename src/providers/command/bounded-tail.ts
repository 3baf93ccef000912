/** Keeps the last `maxBytes` of a stream: the end of a command's output is where the answer is. */
export class BoundedTail {
  readonly #maxBytes: number;
  #chunks: Buffer[] = [];
  #size = 0;
  #dropped = false;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.byteLength;
    if (this.#size > this.#maxBytes * 2) this.#trim();
  }

  get truncated(): boolean {
    return this.#dropped || this.#size > this.#maxBytes;
  }

  text(): string {
    this.#trim();
    return Buffer.concat(this.#chunks).toString('utf8');
  }

  #trim(): void {
    if (this.#size <= this.#maxBytes) return;
    const joined = Buffer.concat(this.#chunks);
    this.#chunks = [joined.subarray(joined.byteLength - this.#maxBytes)];
    this.#size = this.#maxBytes;
    this.#dropped = true;
  }
}
