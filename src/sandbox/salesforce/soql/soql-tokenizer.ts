import { SfApiError } from '../errors.util';

/**
 * SOQL lexer. Keywords are case-insensitive; string literals use single quotes with backslash escapes
 * (`\'`, `\\`, `\n`, `\t`, `\r`, `\b`, `\f`, `\"`, `\_`, `\%`, `\uXXXX`) as listed in the SOQL and SOSL
 * Reference, "Quoted String Escape Sequences". Date (`2024-01-01`) and datetime
 * (`2024-01-01T00:00:00Z`, `...T00:00:00.000+0000`) literals are unquoted.
 */
export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Raw text (identifier as written, unescaped string value, operator). */
  value: string;
  /** Offset in the query, for Salesforce's "ERROR at Row:r:Column:c" messages. */
  offset: number;
}

const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?::\d+)?/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', _: '\\_', '%': '\\%' };

/** Formats a Salesforce SOQL error: the query, a caret, "ERROR at Row:r:Column:c", then the message. */
export function soqlError(errorCode: string, soql: string, offset: number, message: string): SfApiError {
  const before = soql.slice(0, offset);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const col = offset - lineStart + 1;
  const line = soql.split('\n')[row - 1] ?? '';
  return new SfApiError(400, errorCode, `\n${line}\n${' '.repeat(Math.max(0, col - 1))}^\nERROR at Row:${row}:Column:${col}\n${message}`);
}

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = soql.slice(i);
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= soql.length) throw soqlError('MALFORMED_QUERY', soql, i, 'unexpected token: <EOF>');
        const ch = soql[j];
        if (ch === "'") break;
        if (ch === '\\') {
          const next = soql[j + 1];
          if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(soql.slice(j + 2, j + 6))) {
            value += String.fromCharCode(parseInt(soql.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          const esc = next === undefined ? undefined : ESCAPES[next];
          if (esc === undefined) throw soqlError('MALFORMED_QUERY', soql, j, `Invalid string literal '${soql.slice(i, j + 2)}'. Illegal character sequence '\\${next ?? ''}' in string literal.`);
          value += esc;
          j += 2;
          continue;
        }
        value += ch;
        j++;
      }
      tokens.push({ kind: 'string', value, offset: i });
      i = j + 1;
      continue;
    }
    let m = DATETIME_RE.exec(rest);
    if (m) {
      tokens.push({ kind: 'datetime', value: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    m = DATE_RE.exec(rest);
    if (m) {
      tokens.push({ kind: 'date', value: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    if (/[0-9.]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(soql[i + 1] ?? ''))) {
      m = NUMBER_RE.exec(rest);
      if (m) {
        tokens.push({ kind: 'number', value: m[0], offset: i });
        i += m[0].length;
        continue;
      }
    }
    m = IDENT_RE.exec(rest);
    if (m) {
      tokens.push({ kind: 'ident', value: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    const two = soql.slice(i, i + 2);
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', value: two === '<>' ? '!=' : two, offset: i });
      i += 2;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      tokens.push({ kind: 'op', value: c, offset: i });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', value: c, offset: i });
      i++;
      continue;
    }
    throw soqlError('MALFORMED_QUERY', soql, i, `unexpected token: '${c}'`);
  }
  tokens.push({ kind: 'eof', value: '<EOF>', offset: soql.length });
  return tokens;
}
