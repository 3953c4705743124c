/**
 * The row keys a table import has read, each with the sheet row it came from: what refuses a key met twice (naming
 * the row that had it first) and keeps the stored rows the file still holds. A Map of 100,000 key strings costs
 * about 12 MiB of heap; here the keys' UTF-16 code units sit in one growing array, found through an open-addressing
 * table of entry numbers, about 4 MiB for the same keys. Keys are compared unit by unit: no false matches.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string's code units. */
function hashOf(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

function grown<T extends Int32Array | Uint16Array>(array: T, needed: number, make: (size: number) => T): T {
  if (needed <= array.length) return array;
  let size = array.length * 2;
  while (size < needed) size *= 2;
  const next = make(size);
  next.set(array);
  return next;
}

/** An index's arrays, for moving it to another thread (their buffers can be transferred, not copied). */
export interface RowKeyIndexState {
  units: Uint16Array;
  used: number;
  starts: Int32Array;
  lengths: Int32Array;
  hashes: Int32Array;
  rows: Int32Array;
  count: number;
  slots: Int32Array;
}

export class RowKeyIndex {
  private units = new Uint16Array(1 << 15);
  private used = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private rows = new Int32Array(1024);
  private count = 0;
  /** Entry number + 1 per slot (0: empty); at most half full. */
  private slots = new Int32Array(2048);

  get size(): number {
    return this.count;
  }

  /** The index's arrays, to send to another thread; the index must not be used afterwards. */
  state(): RowKeyIndexState {
    const { units, used, starts, lengths, hashes, rows, count, slots } = this;
    return { units, used, starts, lengths, hashes, rows, count, slots };
  }

  static fromState(state: RowKeyIndexState): RowKeyIndex {
    return Object.assign(new RowKeyIndex(), state);
  }

  /** The sheet row `key` was first read from, if it was. */
  rowOf(key: string): number | undefined {
    const entry = this.slots[this.slotOf(key, hashOf(key))]!;
    return entry === 0 ? undefined : this.rows[entry - 1];
  }

  /** Records `key` as read from `row`; when it was read before, records nothing and returns that earlier row. */
  add(key: string, row: number): number | undefined {
    const hash = hashOf(key);
    let slot = this.slotOf(key, hash);
    const entry = this.slots[slot]!;
    if (entry !== 0) return this.rows[entry - 1];
    if ((this.count + 1) * 2 > this.slots.length) {
      this.rehash(this.slots.length * 2);
      slot = this.slotOf(key, hash);
    }
    this.append(key, hash, row);
    this.slots[slot] = this.count;
    return undefined;
  }

  private slotOf(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0 || this.holds(entry - 1, key)) return slot;
    }
  }

  private holds(entry: number, key: string): boolean {
    if (this.lengths[entry] !== key.length) return false;
    const start = this.starts[entry]!;
    for (let i = 0; i < key.length; i++) if (this.units[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private append(key: string, hash: number, row: number): void {
    this.units = grown(this.units, this.used + key.length, (size) => new Uint16Array(size));
    for (let i = 0; i < key.length; i++) this.units[this.used + i] = key.charCodeAt(i);
    const entries = this.count + 1;
    this.starts = grown(this.starts, entries, (size) => new Int32Array(size));
    this.lengths = grown(this.lengths, entries, (size) => new Int32Array(size));
    this.hashes = grown(this.hashes, entries, (size) => new Int32Array(size));
    this.rows = grown(this.rows, entries, (size) => new Int32Array(size));
    this.starts[this.count] = this.used;
    this.lengths[this.count] = key.length;
    this.hashes[this.count] = hash;
    this.rows[this.count] = row;
    this.used += key.length;
    this.count = entries;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = (this.hashes[i]! >>> 0) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = i + 1;
    }
  }
}
