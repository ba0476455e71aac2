type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;

/**
 * A typed array reused from one call to the next: `take(n)` hands out the same array (grown when
 * needed) with its first `n` slots zeroed. The agreement code runs synchronously and holds one
 * only within a call, so one array per purpose is enough; a project's summary would otherwise
 * allocate hundreds of thousands of small buffers outside the JavaScript heap.
 */
export function scratchArray<A extends TypedArray>(make: (length: number) => A): (n: number) => A {
  let array = make(64);
  return (n) => {
    if (array.length < n) array = make(Math.max(n, array.length * 2));
    array.fill(0, 0, n);
    return array;
  };
}
