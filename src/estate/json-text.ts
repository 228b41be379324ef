// JSON.parse with a useful error: line and column of the failure.

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Parse JSON text (a UTF-8 BOM is allowed); throws JsonSyntaxError with line/column when known. */
export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /at position (\d+)/.exec(msg);
    const lc = /\(line (\d+) column (\d+)\)/.exec(msg);
    if (lc) return fail(msg, Number(lc[1]), Number(lc[2]));
    if (pos) {
      const { line, column } = lineColumn(body, Number(pos[1]));
      return fail(msg, line, column);
    }
    if (/Unexpected end of JSON input/.test(msg) || body.trim() === '') {
      const { line, column } = lineColumn(body, body.length);
      return fail(body.trim() === '' ? 'the file is empty' : 'unexpected end of the file', line, column);
    }
    return fail(msg);
  }
}

function fail(msg: string, line?: number, column?: number): never {
  const clean = msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '');
  throw new JsonSyntaxError(
    line !== undefined ? `line ${line}, column ${column}: ${clean}` : clean,
    line,
    column,
  );
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}
