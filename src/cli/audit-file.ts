// The file audit sink: append one line and fsync before resolving (durable before acknowledged).
// Touches the file system on purpose (the CLI's --audit FILE); the Lambda logs to CloudWatch instead.
import { open, type FileHandle } from 'node:fs/promises';
import type { AuditEntry, AuditSink } from '../events/audit-log.js';

export class FileAuditSink implements AuditSink {
  readonly #file: string;
  #handle: FileHandle | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
  }

  append(entry: AuditEntry): Promise<void> {
    // Serialized so lines never interleave and fsync order matches append order.
    this.#queue = this.#queue.then(async () => {
      this.#handle ??= await open(this.#file, 'a');
      await this.#handle.appendFile(JSON.stringify(entry) + '\n', 'utf8');
      await this.#handle.sync();
    });
    return this.#queue;
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#handle?.close();
    this.#handle = undefined;
  }
}
