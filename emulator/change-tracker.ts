/**
 * Knows what a change did to the account without comparing the whole account
 * afterwards, so saving costs what was changed, not what the account holds.
 *
 * - Each record in a record list is a view of the record, made once and kept
 *   in the list: an object with a getter and a setter per field (one pair per
 *   field name, shared by all records, so views of one shape share a hidden
 *   class; a read costs about three plain ones, a Proxy trap ten). A
 *   write to a field, to a new field (caught by the views' prototype) or
 *   inside a field's object value (a proxy, made on first read) marks the record.
 *   Reading a field a record lacks (an optional one) finds an accessor on the
 *   prototype, learnt the first time the name was seen or asked for.
 * - A list's membership (push, filter-and-reassign, splice) is found at the end
 *   by comparing the list with a copy of it, element by element (identity
 *   only); a record added as a plain object is swapped for its proxy then.
 * - Other top-level values (e.g. fault counters) are proxies too, and a write
 *   anywhere in one marks it, to be saved whole.
 * - A value written through a proxy is stored unwrapped: below the lists, the
 *   account never holds a proxy.
 *
 * Writes are noted between `begin()` and `end()`; a write outside them would
 * never be saved, so it throws.
 */

/** What one change wrote. */
export interface Changes {
  /** Record lists whose membership changed, and how. */
  readonly lists: Map<string, Membership>;
  /** Records changed in place (any depth), unwrapped, by list. */
  readonly records: Map<string, Set<object>>;
  /** Other top-level keys written (at any depth): saved whole. */
  readonly keys: Set<string>;
}

/**
 * How a list's membership changed: records appended at its end (an upload:
 * saving it costs the new records), or anything else (the whole list, in order).
 * Records are unwrapped.
 */
export type Membership = { readonly appended: object[] } | { readonly all: object[] };

const RECORD = Symbol("record");
const PLACE = Symbol("place");
const NESTED = Symbol("proxies of object values");

/**
 * The getter of field `key`, compiled for that key: the field's value, or for
 * an object value what `nested` gives (its proxy). A getter shared by every
 * key would read the key from its closure: one code for all fields, so every
 * load and call in it is megamorphic and nothing inlines: a DescribeCACertificates
 * over 5,000 records took 0.37 ms that way, 0.18 ms this way (0.07 ms on plain
 * objects). The key is written as a JSON
 * string literal, which JavaScript reads back as the same string, whatever it
 * holds: no text of the key becomes code.
 */
function getterOf(key: string, nested: (view: RecordView, key: string, value: object) => object): (this: RecordView) => unknown {
  const k = JSON.stringify(key);
  return new Function(
    "RECORD",
    "nested",
    `return function () { const value = this[RECORD][${k}]; return typeof value === "object" && value !== null ? nested(this, ${k}, value) : value; };`,
  )(RECORD, nested);
}

/** A record's view: its fields as accessors, the record and its place under symbols. */
interface RecordView {
  readonly [RECORD]: Record<string, unknown>;
  readonly [PLACE]: Place;
  readonly [NESTED]: Record<string, { readonly value: object; readonly proxy: object } | undefined>;
}

type Place = { readonly kind: "record"; readonly list: string; readonly record: object } | { readonly kind: "key"; readonly key: string };

export interface Tracker<T extends object> {
  /** The view to hand to the handlers. */
  readonly view: T;
  /** Makes every record of every list a tracked one, and takes the lists as they are now: after the account was (re)loaded. */
  adopt(): void;
  /** Starts noting writes. */
  begin(): void;
  /** Stops noting writes and returns what was written since begin(). */
  end(): Changes;
}

/**
 * A tracker over `root`. `recordLists` are the top-level arrays of records,
 * tracked record by record; `untracked` are top-level keys handed out as they
 * are (e.g. an append-only log that the caller saves by itself).
 */
export function trackChanges<T extends object>(root: T, recordLists: ReadonlySet<string>, untracked: ReadonlySet<string>): Tracker<T> {
  const proxyOf = new WeakMap<object, object>();
  const rawOf = new WeakMap<object, object>();
  /** Each list's array and elements as of the last adopt() or end(). */
  const copies = new Map<string, { array: unknown[]; items: unknown[] }>();
  const lists = root as unknown as Record<string, unknown[]>;
  let changes: { records: Map<string, Set<object>>; keys: Set<string> } | undefined;

  const noted = () => {
    if (!changes) throw new Error("the emulated account was changed outside withAccount: that change would never be saved");
    return changes;
  };

  const mark = (place: Place): void => {
    const now = noted();
    if (place.kind === "key") {
      now.keys.add(place.key);
      return;
    }
    let set = now.records.get(place.list);
    if (!set) now.records.set(place.list, (set = new Set()));
    set.add(place.record);
  };

  /** Replaces every view and proxy of ours inside a value being stored by what it shows (in place: the value is new, the caller's own). */
  const unwrap = (value: unknown, seen = new Set<object>()): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const raw = rawOf.get(value) ?? recordOf(value);
    if (raw) return raw;
    if (seen.has(value)) return value;
    seen.add(value);
    for (const key of Object.keys(value)) {
      const inner = (value as Record<string, unknown>)[key];
      const plain = unwrap(inner, seen);
      if (plain !== inner) (value as Record<string, unknown>)[key] = plain;
    }
    return value;
  };

  /** The record behind a view; undefined for anything else. */
  const recordOf = (item: unknown): object | undefined =>
    typeof item === "object" && item !== null ? ((item as Record<symbol, object>)[RECORD] as object | undefined) : undefined;

  /** The proxy of a field's object value, kept on the view: a WeakMap lookup per read would cost more than the read. */
  const nested = (view: RecordView, key: string, value: object): object => {
    const kept = view[NESTED][key];
    if (kept !== undefined && kept.value === value) return kept.proxy;
    const proxy = wrap(value, view[PLACE]);
    view[NESTED][key] = { value, proxy };
    return proxy;
  };

  const accessors = new Map<string, PropertyDescriptor>();
  /** The getter and setter of field `key`, one pair for every view, so all views of one shape share a hidden class. */
  const accessor = (key: string): PropertyDescriptor => {
    let found = accessors.get(key);
    if (!found) {
      found = {
        get: getterOf(key, nested),
        set(this: RecordView, next: unknown) {
          mark(this[PLACE]);
          this[RECORD][key] = unwrap(next);
        },
        enumerable: true,
        configurable: false,
      };
      accessors.set(key, found);
    }
    return found;
  };

  const isView = (value: object): value is RecordView => Object.prototype.hasOwnProperty.call(value, RECORD);

  /** Writes a field a view has no accessor of its own for: marks the record, and gives the view that accessor. */
  const addField = (view: RecordView, key: string, next: unknown): void => {
    mark(view[PLACE]);
    view[RECORD][key] = unwrap(next);
    Object.defineProperty(view, key, accessor(key));
  };

  /**
   * Catches what the views' prototype has no accessor for: a field never seen,
   * read (learnt: the prototype gets an accessor for it, so the next read of a
   * record without it is an ordinary cached lookup, not a trap) or written.
   */
  const fallback = new Proxy(Object.prototype, {
    get(target, key, receiver) {
      if (typeof key === "string" && !(key in target) && isView(receiver)) learn(key);
      return Reflect.get(target, key, receiver);
    },
    set(target, key, next, receiver) {
      if (typeof key !== "string" || !isView(receiver)) return Reflect.set(target, key, next, receiver);
      learn(key);
      addField(receiver, key, next);
      return true;
    },
  });

  /**
   * The views' prototype: for every field name seen in any record or asked of
   * one, an accessor that reads the record (a record without the field gives
   * undefined) and, on a write, gives the view an accessor of its own. Its
   * accessors are not enumerable: a view's keys are its record's.
   */
  const shared = Object.create(fallback) as object;
  const learn = (key: string): void => {
    if (Object.prototype.hasOwnProperty.call(shared, key)) return;
    Object.defineProperty(shared, key, {
      get: accessor(key).get,
      set(this: RecordView, next: unknown) {
        addField(this, key, next);
      },
      enumerable: false,
      configurable: false,
    });
  };

  const viewOf = (record: Record<string, unknown>, list: string): RecordView => {
    const view = Object.create(shared) as RecordView;
    Object.defineProperty(view, RECORD, { value: record });
    Object.defineProperty(view, PLACE, { value: { kind: "record", list, record } });
    Object.defineProperty(view, NESTED, { value: {} });
    for (const key of Object.keys(record)) {
      learn(key);
      Object.defineProperty(view, key, accessor(key));
    }
    return view;
  };

  const wrap = (value: object, place: Place): object => {
    const known = proxyOf.get(value);
    if (known) return known;
    const proxy = new Proxy(value, {
      get(target, key) {
        const inner = (target as Record<string | symbol, unknown>)[key];
        return typeof inner === "object" && inner !== null ? wrap(inner, place) : inner;
      },
      set(target, key, next) {
        mark(place);
        return Reflect.set(target, key, unwrap(next));
      },
      deleteProperty(target, key) {
        mark(place);
        return Reflect.deleteProperty(target, key);
      },
      defineProperty(target, key, descriptor) {
        mark(place);
        return Reflect.defineProperty(target, key, "value" in descriptor ? { ...descriptor, value: unwrap(descriptor.value) } : descriptor);
      },
    });
    proxyOf.set(value, proxy);
    rawOf.set(proxy, value);
    return proxy;
  };

  /** Swaps each element of the list from `from` on that is not tracked yet for its view. */
  const adoptFrom = (list: string, from: number): void => {
    const array = lists[list];
    if (!Array.isArray(array)) throw new Error(`the emulated account's ${list} is not a list`);
    for (let i = from; i < array.length; i++) {
      const item = array[i];
      if (typeof item === "object" && item !== null && !recordOf(item)) array[i] = viewOf((rawOf.get(item) ?? item) as Record<string, unknown>, list);
    }
  };

  /** Makes every record of the list a view, and copies the list. */
  const adoptList = (list: string): void => {
    adoptFrom(list, 0);
    copies.set(list, { array: lists[list], items: lists[list].slice() });
  };

  /** How the list differs from its copy: not at all, by records added at its end, or otherwise. */
  const difference = (list: string): "none" | "appended" | "other" => {
    const array = lists[list];
    const copy = copies.get(list)!;
    if (array !== copy.array || array.length < copy.items.length) return "other";
    for (let i = 0; i < copy.items.length; i++) if (array[i] !== copy.items[i]) return "other";
    return array.length === copy.items.length ? "none" : "appended";
  };

  const view = new Proxy(root, {
    get(target, key) {
      const inner = (target as Record<string | symbol, unknown>)[key];
      if (typeof key !== "string" || typeof inner !== "object" || inner === null || recordLists.has(key) || untracked.has(key)) return inner;
      return wrap(inner, { kind: "key", key });
    },
    set(target, key, next) {
      const name = String(key);
      // A reassigned record list is found by end(), like any change of membership.
      if (!recordLists.has(name) && !untracked.has(name)) noted().keys.add(name);
      else noted();
      return Reflect.set(target, key, recordLists.has(name) || untracked.has(name) ? next : unwrap(next));
    },
    deleteProperty(target, key) {
      noted().keys.add(String(key));
      return Reflect.deleteProperty(target, key);
    },
  });

  return {
    view,
    adopt() {
      for (const list of recordLists) adoptList(list);
    },
    begin() {
      changes = { records: new Map(), keys: new Set() };
    },
    end() {
      const done = changes ?? { records: new Map(), keys: new Set() };
      changes = undefined;
      const membership = new Map<string, Membership>();
      for (const list of recordLists) {
        const how = difference(list);
        if (how === "none") continue;
        if (how === "appended") {
          const { items } = copies.get(list)!;
          const from = items.length;
          adoptFrom(list, from);
          const added = lists[list].slice(from);
          items.push(...added);
          membership.set(list, { appended: added.map((item) => recordOf(item)!) });
        } else {
          adoptList(list);
          membership.set(list, { all: lists[list].map((item) => recordOf(item)!) });
        }
      }
      return { lists: membership, records: done.records, keys: done.keys };
    },
  };
}
