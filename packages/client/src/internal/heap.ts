/**
 * A binary min-heap of timed entries, each knowing its position so it can be removed in O(log n).
 *
 * @internal
 */

/**
 * One entry: when it is due, and its position in the heap (-1 once removed).
 *
 * @internal
 */
export interface Entry {
  /** When it is due, in the clock's milliseconds. */
  readonly at: number
  /** Position in the heap; -1 once removed. */
  index: number
}

/**
 * The heap, ordered by `at`.
 *
 * @internal
 */
export class Heap<E extends Entry> {
  private readonly items: Array<E> = []
  get size(): number {
    return this.items.length
  }

  peek(): E | undefined {
    return this.items[0]
  }

  push(entry: E): void {
    entry.index = this.items.length
    this.items.push(entry)
    this.up(entry.index)
  }

  remove(entry: E): void {
    const index = entry.index
    if (index < 0) return
    entry.index = -1
    const last = this.items.pop()!
    if (index === this.items.length) return
    this.items[index] = last
    last.index = index
    this.up(index)
    this.down(last.index)
  }

  private swap(i: number, j: number): void {
    const a = this.items[i]!
    const b = this.items[j]!
    this.items[i] = b
    this.items[j] = a
    a.index = j
    b.index = i
  }

  private up(index: number): void {
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.items[parent]!.at <= this.items[i]!.at) return
      this.swap(i, parent)
      i = parent
    }
  }

  private down(index: number): void {
    let i = index
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < this.items.length && this.items[left]!.at < this.items[smallest]!.at) smallest = left
      if (right < this.items.length && this.items[right]!.at < this.items[smallest]!.at) smallest = right
      if (smallest === i) return
      this.swap(i, smallest)
      i = smallest
    }
  }
}
