/**
 * Prepared statements kept by their SQL text, most recently used last. A view's query keeps its text
 * when a filter's value changes (only the bound values do; the text changes when a filter is set
 * or cleared), so it is parsed, bound and planned once instead of at every such change (3 to 30 ms
 * a query in the browser at 1,000,000 rows). DuckDB binds a kept statement again by itself when a
 * table or view it reads has been replaced since. A statement whose run fails is let go, so the
 * next run prepares the SQL afresh.
 */
export class StatementCache<S> {
  private readonly kept = new Map<string, S>();

  constructor(
    private readonly prepare: (sql: string) => Promise<S>,
    private readonly close: (statement: S) => Promise<void>,
    private readonly limit = 64,
  ) {}

  /** How many statements are kept. */
  get size(): number {
    return this.kept.size;
  }

  /**
   * Runs `sql` through its kept statement, or a new one that is then kept. A kept statement is taken
   * out while it runs, so two runs at once never share one.
   */
  async run<T>(sql: string, execute: (statement: S) => Promise<T>): Promise<T> {
    const kept = this.kept.get(sql);
    this.kept.delete(sql);
    const statement = kept ?? (await this.prepare(sql));
    let result: T;
    try {
      result = await execute(statement);
    } catch (e) {
      await this.close(statement).catch(() => undefined);
      throw e;
    }
    await this.keep(sql, statement);
    return result;
  }

  /**
   * Keeps a statement as the most recently used, letting go of any other kept for the same SQL (two
   * runs at once) and of the least recently used beyond the limit.
   */
  private async keep(sql: string, statement: S): Promise<void> {
    const other = this.kept.get(sql);
    this.kept.delete(sql);
    this.kept.set(sql, statement);
    if (other !== undefined && other !== statement) await this.close(other).catch(() => undefined);
    for (const [text, s] of this.kept) {
      if (this.kept.size <= this.limit) break;
      this.kept.delete(text);
      await this.close(s).catch(() => undefined);
    }
  }

  /** Lets every kept statement go. */
  async clear(): Promise<void> {
    const all = [...this.kept.values()];
    this.kept.clear();
    for (const s of all) await this.close(s).catch(() => undefined);
  }
}
