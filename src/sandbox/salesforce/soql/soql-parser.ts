import { Condition, ComparisonOp, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './soql-ast.types';
import { soqlError, Token, tokenize } from './soql-tokenizer';

/**
 * Recursive-descent SOQL parser for the subset the sync uses:
 *   SELECT items FROM object [WHERE cond] [ORDER BY key [ASC|DESC] [NULLS FIRST|LAST], ...]
 *   [LIMIT n] [OFFSET n]
 * cond := disjunction; OR/AND/NOT with parentheses; comparisons, IN/NOT IN, LIKE, INCLUDES/EXCLUDES.
 * Unsupported clauses (GROUP BY, subqueries, TYPEOF, FOR UPDATE ...) are rejected with MALFORMED_QUERY
 * rather than ignored, so a test never passes against semantics the sandbox does not have.
 */
const KEYWORDS = new Set(['select', 'from', 'where', 'and', 'or', 'not', 'in', 'like', 'order', 'by', 'asc', 'desc', 'nulls', 'first', 'last', 'limit', 'offset', 'null', 'true', 'false', 'includes', 'excludes', 'group', 'having', 'with', 'for', 'using', 'typeof']);

const DATE_LITERALS = new Set([
  'YESTERDAY', 'TODAY', 'TOMORROW', 'LAST_WEEK', 'THIS_WEEK', 'NEXT_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'NEXT_MONTH',
  'LAST_90_DAYS', 'NEXT_90_DAYS', 'THIS_QUARTER', 'LAST_QUARTER', 'NEXT_QUARTER', 'THIS_YEAR', 'LAST_YEAR', 'NEXT_YEAR',
]);
const DATE_LITERALS_N = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO', 'LAST_N_WEEKS', 'NEXT_N_WEEKS', 'N_WEEKS_AGO', 'LAST_N_MONTHS', 'NEXT_N_MONTHS', 'N_MONTHS_AGO', 'LAST_N_YEARS', 'NEXT_N_YEARS', 'N_YEARS_AGO']);

class Parser {
  private pos = 0;

  constructor(private readonly text: string, private readonly tokens: Token[]) {}

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.value.toLowerCase() === word;
  }

  private unexpected(t: Token = this.peek()): never {
    const shown = t.kind === 'eof' ? '<EOF>' : t.kind === 'string' ? `'${t.value}'` : `'${t.value}'`;
    throw soqlError('MALFORMED_QUERY', this.text, t.offset, `unexpected token: ${shown}`);
  }

  private expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) this.unexpected();
    return this.next();
  }

  private expectPunct(p: string): void {
    const t = this.peek();
    if (t.kind !== 'punct' || t.value !== p) this.unexpected();
    this.next();
  }

  parse(): SoqlQuery {
    this.expectKeyword('select');
    const select = this.selectList();
    this.expectKeyword('from');
    const fromTok = this.next();
    if (fromTok.kind !== 'ident' || fromTok.value.includes('.') || KEYWORDS.has(fromTok.value.toLowerCase())) this.unexpected(fromTok);
    let where: Condition | null = null;
    if (this.isKeyword('where')) {
      this.next();
      where = this.disjunction();
    }
    const orderBy: OrderItem[] = [];
    if (this.isKeyword('order')) {
      this.next();
      this.expectKeyword('by');
      do {
        if (orderBy.length > 0) this.next();
        orderBy.push(this.orderItem());
      } while (this.peek().kind === 'punct' && this.peek().value === ',');
    }
    let limit: number | null = null;
    let offset: number | null = null;
    if (this.isKeyword('limit')) {
      this.next();
      limit = this.integer();
    }
    if (this.isKeyword('offset')) {
      this.next();
      offset = this.integer();
    }
    if (this.peek().kind !== 'eof') this.unexpected();
    return { select, from: fromTok.value, fromOffset: fromTok.offset, where, orderBy, limit, offset, text: this.text };
  }

  private integer(): number {
    const t = this.next();
    if (t.kind !== 'number' || !/^\d+$/.test(t.value)) this.unexpected(t);
    return Number(t.value);
  }

  private fieldPath(): FieldPath {
    const t = this.next();
    if (t.kind !== 'ident' || KEYWORDS.has(t.value.toLowerCase()) || t.value.includes(':')) this.unexpected(t);
    return { parts: t.value.split('.'), offset: t.offset };
  }

  private selectList(): SelectItem[] {
    const items: SelectItem[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'punct' && t.value === '(') {
        throw soqlError('MALFORMED_QUERY', this.text, t.offset, 'Nested queries are not supported by this sandbox');
      }
      if (this.isKeyword('count') && this.peek(1).kind === 'punct' && this.peek(1).value === '(') {
        this.next();
        this.next();
        if (this.peek().kind === 'punct' && this.peek().value === ')') {
          this.next();
          items.push({ kind: 'count', offset: t.offset });
        } else {
          const path = this.fieldPath();
          this.expectPunct(')');
          let alias: string | null = null;
          if (this.peek().kind === 'ident' && !this.isKeyword('from')) alias = this.next().value;
          items.push({ kind: 'countField', path, alias, offset: t.offset });
        }
      } else {
        items.push({ kind: 'field', path: this.fieldPath() });
      }
      if (this.peek().kind === 'punct' && this.peek().value === ',') {
        this.next();
        continue;
      }
      return items;
    }
  }

  private orderItem(): OrderItem {
    const path = this.fieldPath();
    let descending = false;
    if (this.isKeyword('asc')) this.next();
    else if (this.isKeyword('desc')) {
      this.next();
      descending = true;
    }
    // "By default, null values are sorted first" (SOQL reference, ORDER BY), whatever the direction.
    let nullsLast = false;
    if (this.isKeyword('nulls')) {
      this.next();
      if (this.isKeyword('last')) nullsLast = true;
      else if (!this.isKeyword('first')) this.unexpected();
      this.next();
    }
    return { path, descending, nullsLast };
  }

  private disjunction(): Condition {
    let left = this.conjunction();
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Condition {
    let left = this.unary();
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Condition {
    if (this.isKeyword('not')) {
      this.next();
      return { kind: 'not', inner: this.unary() };
    }
    const t = this.peek();
    if (t.kind === 'punct' && t.value === '(') {
      this.next();
      const inner = this.disjunction();
      this.expectPunct(')');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const field = this.fieldPath();
    const t = this.peek();
    if (t.kind === 'op') {
      this.next();
      const valueOffset = this.peek().offset;
      return { kind: 'compare', field, op: t.value as ComparisonOp, value: this.literal(), valueOffset };
    }
    if (this.isKeyword('like')) {
      this.next();
      const v = this.next();
      if (v.kind !== 'string') this.unexpected(v);
      return { kind: 'like', field, pattern: v.value, valueOffset: v.offset };
    }
    let negated = false;
    if (this.isKeyword('not') && this.isKeyword('in', 1)) {
      this.next();
      negated = true;
    }
    if (this.isKeyword('in')) {
      this.next();
      const valueOffset = this.peek().offset;
      this.expectPunct('(');
      if (this.isKeyword('select')) throw soqlError('MALFORMED_QUERY', this.text, this.peek().offset, 'Semi-join subqueries are not supported by this sandbox');
      const values = [this.literal()];
      while (this.peek().kind === 'punct' && this.peek().value === ',') {
        this.next();
        values.push(this.literal());
      }
      this.expectPunct(')');
      return { kind: 'in', field, negated, values, valueOffset };
    }
    if (this.isKeyword('includes') || this.isKeyword('excludes')) {
      const excl = this.next().value.toLowerCase() === 'excludes';
      this.expectPunct('(');
      const values: string[] = [];
      do {
        if (values.length > 0) this.next();
        const v = this.next();
        if (v.kind !== 'string') this.unexpected(v);
        values.push(v.value);
      } while (this.peek().kind === 'punct' && this.peek().value === ',');
      this.expectPunct(')');
      return { kind: 'includes', field, negated: excl, values };
    }
    return this.unexpected();
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.kind) {
      case 'string':
        return { kind: 'string', value: t.value };
      case 'number':
        return { kind: 'number', value: Number(t.value) };
      case 'date':
        return { kind: 'date', value: t.value };
      case 'datetime':
        return { kind: 'datetime', value: t.value };
      case 'ident': {
        const lower = t.value.toLowerCase();
        if (lower === 'null') return { kind: 'null' };
        if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true' };
        const [name, n] = t.value.toUpperCase().split(':');
        if (n === undefined && DATE_LITERALS.has(name)) return { kind: 'dateLiteral', name, n: null };
        if (n !== undefined && DATE_LITERALS_N.has(name)) return { kind: 'dateLiteral', name, n: Number(n) };
        throw soqlError('MALFORMED_QUERY', this.text, t.offset, `unexpected token: '${t.value}'`);
      }
      default:
        return this.unexpected(t);
    }
  }
}

export function parseSoql(text: string): SoqlQuery {
  return new Parser(text, tokenize(text)).parse();
}
