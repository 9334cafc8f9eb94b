/**
 * The change tracker tells the account file what a change wrote, so a save
 * costs what was changed: every kind of write the handlers make must be
 * noted (a missed one would be lost on the next process's load), reads must
 * note nothing, and the account must never end up holding a view or a proxy.
 */
import { trackChanges } from "../../emulator/change-tracker";

interface Rec {
  Id: string;
  Name: string;
  Tags: { Key: string; Value: string }[];
  Attributes?: Record<string, unknown>;
  Extra?: number;
}

interface Root {
  items: Rec[];
  others: Rec[];
  faults: Record<string, number>;
  calls: string[];
}

function setup() {
  const root: Root = {
    items: [
      { Id: "a", Name: "one", Tags: [{ Key: "k", Value: "v" }], Attributes: { port: 1 } },
      { Id: "b", Name: "two", Tags: [] },
    ],
    others: [{ Id: "x", Name: "other", Tags: [] }],
    faults: {},
    calls: [],
  };
  const raw = { a: root.items[0], b: root.items[1] };
  const tracker = trackChanges(root, new Set(["items", "others"]), new Set(["calls"]));
  tracker.adopt();
  return { root, raw, tracker, view: tracker.view };
}

/** The changes as plain data: lists with their record IDs, records by ID, keys. */
function summary(changes: ReturnType<ReturnType<typeof setup>["tracker"]["end"]>) {
  return {
    lists: Object.fromEntries(
      [...changes.lists].map(([list, m]) => [
        list,
        "appended" in m ? { appended: m.appended.map((r) => (r as Rec).Id) } : { all: m.all.map((r) => (r as Rec).Id) },
      ]),
    ),
    records: Object.fromEntries([...changes.records].map(([list, records]) => [list, [...records].map((r) => (r as Rec).Id)])),
    keys: [...changes.keys],
  };
}

const nothing = { lists: {}, records: {}, keys: [] };

describe("the change tracker", () => {
  test("reads note nothing: find, filter, spread, JSON, nested values", () => {
    const { tracker, view } = setup();
    tracker.begin();
    const found = view.items.find((r) => r.Id === "a")!;
    expect(found.Name).toBe("one");
    expect(view.items.filter((r) => r.Tags.some((t) => t.Key === "k")).map((r) => r.Id)).toEqual(["a"]);
    expect({ ...found }).toEqual({ Id: "a", Name: "one", Tags: [{ Key: "k", Value: "v" }], Attributes: { port: 1 } });
    expect(JSON.parse(JSON.stringify(view.items))).toEqual([
      { Id: "a", Name: "one", Tags: [{ Key: "k", Value: "v" }], Attributes: { port: 1 } },
      { Id: "b", Name: "two", Tags: [] },
    ]);
    expect(Object.keys(found)).toEqual(["Id", "Name", "Tags", "Attributes"]);
    expect(found.Extra).toBeUndefined();
    expect(summary(tracker.end())).toEqual(nothing);
  });

  test("a field set in place marks that record alone, and lands in the record itself", () => {
    const { raw, tracker, view } = setup();
    tracker.begin();
    view.items.find((r) => r.Id === "a")!.Name = "renamed";
    expect(summary(tracker.end())).toEqual({ lists: {}, records: { items: ["a"] }, keys: [] });
    expect(raw.a.Name).toBe("renamed");
  });

  test("a write inside a field's object (push to Tags, a nested attribute) marks the record", () => {
    const { raw, tracker, view } = setup();
    tracker.begin();
    view.items[1].Tags.push({ Key: "n", Value: "w" });
    (view.items[0].Attributes as Record<string, unknown>).port = 2;
    expect(summary(tracker.end())).toEqual({ lists: {}, records: { items: ["b", "a"] }, keys: [] });
    expect(raw.b.Tags).toEqual([{ Key: "n", Value: "w" }]);
    expect(raw.a.Attributes).toEqual({ port: 2 });
  });

  test("a new field on a record is caught, and the field is tracked from then on", () => {
    const { raw, tracker, view } = setup();
    tracker.begin();
    view.items[0].Extra = 1;
    expect(summary(tracker.end())).toEqual({ lists: {}, records: { items: ["a"] }, keys: [] });
    expect(raw.a.Extra).toBe(1);
    tracker.begin();
    view.items[0].Extra = 2;
    expect(summary(tracker.end())).toEqual({ lists: {}, records: { items: ["a"] }, keys: [] });
    expect(raw.a.Extra).toBe(2);
  });

  test("a field read while absent (learnt by the views' prototype) and then written is caught, and shows as the record's own", () => {
    const { raw, tracker, view } = setup();
    tracker.begin();
    expect(view.items[1].Extra).toBeUndefined();
    expect(view.items[0].Extra).toBeUndefined();
    expect(summary(tracker.end())).toEqual(nothing);
    tracker.begin();
    view.items[1].Extra = 7;
    expect(summary(tracker.end())).toEqual({ lists: {}, records: { items: ["b"] }, keys: [] });
    expect(raw.b.Extra).toBe(7);
    expect(Object.keys(view.items[1])).toEqual(["Id", "Name", "Tags", "Extra"]);
    expect(Object.keys(view.items[0])).toEqual(["Id", "Name", "Tags", "Attributes"]);
    expect(JSON.parse(JSON.stringify(view.items[1]))).toEqual({ Id: "b", Name: "two", Tags: [], Extra: 7 });
  });

  test("membership: push (as appended records), filter-and-reassign and splice (as whole lists) are found, with the records as plain objects", () => {
    const { root, tracker, view } = setup();
    tracker.begin();
    view.items.push({ Id: "c", Name: "three", Tags: [] });
    let changes = tracker.end();
    expect(summary(changes)).toEqual({ lists: { items: { appended: ["c"] } }, records: {}, keys: [] });
    expect(changes.lists.get("items")).toEqual({ appended: [root.items[2]] });
    // The added record is a view from now on, and the account's records stay plain.
    tracker.begin();
    view.items[2].Name = "changed";
    expect(summary(tracker.end())).toEqual({ lists: {}, records: { items: ["c"] }, keys: [] });

    tracker.begin();
    view.items = view.items.filter((r) => r.Id !== "a");
    changes = tracker.end();
    expect(summary(changes)).toEqual({ lists: { items: { all: ["b", "c"] } }, records: {}, keys: [] });
    tracker.begin();
    view.others.splice(0, 1);
    expect(summary(tracker.end())).toEqual({ lists: { others: { all: [] } }, records: {}, keys: [] });
    expect(root.items.map((r) => r.Id)).toEqual(["b", "c"]);
  });

  test("the records handed out by a change are plain data where they are stored: a record copied into another keeps no view", () => {
    const { raw, tracker, view } = setup();
    tracker.begin();
    // Tags of one record given to another: what is stored is the plain array of plain objects.
    view.items[1].Tags = view.items[0].Tags.filter(() => true);
    const changes = tracker.end();
    expect(summary(changes)).toEqual({ lists: {}, records: { items: ["b"] }, keys: [] });
    expect(raw.b.Tags[0]).toBe(raw.a.Tags[0]);
    expect(JSON.stringify(raw.b)).toBe('{"Id":"b","Name":"two","Tags":[{"Key":"k","Value":"v"}]}');
  });

  test("other top-level values are saved whole when written at any depth; the untracked log is handed out as it is", () => {
    const { root, tracker, view } = setup();
    tracker.begin();
    view.faults["UploadCACertificate:1"] = 1;
    view.calls.push("a call");
    expect(summary(tracker.end())).toEqual({ lists: {}, records: {}, keys: ["faults"] });
    expect(root.faults).toEqual({ "UploadCACertificate:1": 1 });
    expect(root.calls).toEqual(["a call"]);
  });

  test("a field whose name looks like code is read and written as the name it is", () => {
    const key = '"]; throw new Error("injected"); this["\\\u2028';
    const root = { items: [{ Id: "a", [key]: "value" }] as Record<string, unknown>[], calls: [] };
    const tracker = trackChanges(root, new Set(["items"]), new Set(["calls"]));
    tracker.adopt();
    tracker.begin();
    expect(tracker.view.items[0][key]).toBe("value");
    tracker.view.items[0][key] = "changed";
    expect(tracker.end().records.get("items")?.size).toBe(1);
    expect(root.items[0][key]).toBe("changed");
  });

  test("a write outside begin() and end() throws: it would never be saved", () => {
    const { raw, tracker, view } = setup();
    tracker.begin();
    const record = view.items[0];
    tracker.end();
    expect(() => {
      record.Name = "late";
    }).toThrow("the emulated account was changed outside withAccount: that change would never be saved");
    expect(raw.a.Name).toBe("one");
  });

  test("a record pushed past the view is still found: lists are compared element by element", () => {
    const { root, tracker } = setup();
    tracker.begin();
    // Straight into the account, past the view: the comparison still finds it.
    root.items.push({ Id: "d", Name: "four", Tags: [] });
    expect(summary(tracker.end()).lists).toEqual({ items: { appended: ["d"] } });
  });
});
