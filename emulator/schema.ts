/**
 * The provider schema, read from schema-cache/ (the same file the bindings are
 * generated from), and its conversion to the protocol's Schema messages.
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "./paths";

export const PROVIDER_ADDRESS = "registry.terraform.io/aliyun/alicloud";

export interface JsonAttribute {
  readonly type: unknown;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
}
export interface JsonBlock {
  readonly attributes?: Record<string, JsonAttribute>;
  readonly block_types?: Record<string, JsonNestedBlock>;
  readonly description?: string;
  readonly deprecated?: boolean;
}
export interface JsonNestedBlock {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: JsonBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}
export interface JsonSchema {
  readonly version: number;
  readonly block: JsonBlock;
}
export interface ProviderSchemas {
  readonly version: string;
  readonly provider: JsonSchema;
  readonly resources: Record<string, JsonSchema>;
  readonly dataSources: Record<string, JsonSchema>;
}

export const SCHEMA_CACHE_DIR = path.join(PROJECT_DIR, "schema-cache");

/** Reads the one schema file in schema-cache/ that describes this provider. */
export function loadSchemas(dir: string = SCHEMA_CACHE_DIR): ProviderSchemas {
  const files = fs.readdirSync(dir).filter((f) => f.startsWith("alicloud@") && f.endsWith(".json"));
  if (files.length !== 1) throw new Error(`expected one alicloud@*.json in ${dir}, found ${files.length}`);
  const json = JSON.parse(fs.readFileSync(path.join(dir, files[0]), "utf8"));
  const schemas = json.provider_schemas[PROVIDER_ADDRESS];
  return {
    version: json.provider_versions?.[PROVIDER_ADDRESS] ?? "0.0.0",
    provider: schemas.provider,
    resources: schemas.resource_schemas ?? {},
    dataSources: schemas.data_source_schemas ?? {},
  };
}

const NESTING: Record<JsonNestedBlock["nesting_mode"], number> = { single: 1, list: 2, set: 3, map: 4, group: 5 };

function blockToProto(block: JsonBlock, version: number): object {
  return {
    version,
    attributes: Object.entries(block.attributes ?? {}).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      description: a.description ?? "",
      required: a.required ?? false,
      optional: a.optional ?? false,
      computed: a.computed ?? false,
      sensitive: a.sensitive ?? false,
      description_kind: 0,
      deprecated: a.deprecated ?? false,
    })),
    block_types: Object.entries(block.block_types ?? {}).map(([name, nb]) => ({
      type_name: name,
      block: blockToProto(nb.block, 0),
      nesting: NESTING[nb.nesting_mode],
      min_items: nb.min_items ?? 0,
      max_items: nb.max_items ?? 0,
    })),
    description: block.description ?? "",
    description_kind: 0,
    deprecated: block.deprecated ?? false,
  };
}

export function schemaToProto(schema: JsonSchema): object {
  return { version: schema.version, block: blockToProto(schema.block, schema.version) };
}
