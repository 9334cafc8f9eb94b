/**
 * The tfplugin6 Provider service: schema, validation, plan, apply, read,
 * import and data source reads, on the account file.
 */
import * as grpc from "@grpc/grpc-js";
import { AttributeProblem, DATA_SOURCES, MANAGED_RESOURCES, PartialApply } from "./alicloud";
import { SlbClient } from "./alicloud/slb-client";
import { EmulatorConfigError } from "./config-error";
import { CtyObject, CtyValue, UNKNOWN, decodeValue, encodeValue, sameValue } from "./cty";
import { JsonBlock, ProviderSchemas, schemaToProto } from "./schema";
import { SlbError } from "./slb-error";

const ERROR = 1;

interface Diagnostic {
  severity: number;
  summary: string;
  detail: string;
  attribute?: { steps: { attribute_name: string }[] };
}

interface DynamicValueMessage {
  msgpack?: Buffer;
  json?: Buffer;
}

function problemDiagnostic(p: AttributeProblem): Diagnostic {
  return { severity: ERROR, summary: p.summary, detail: p.detail, attribute: { steps: [{ attribute_name: p.attribute }] } };
}

/** SLB's error as a diagnostic: action, code, message and request ID; at the attribute it is about, when known. */
export function errorDiagnostic(error: unknown, what: string, errorAttributes: Readonly<Record<string, string>> = {}): Diagnostic {
  if (error instanceof SlbError) {
    const attribute = errorAttributes[error.code];
    return {
      severity: ERROR,
      summary: `${what}: ${error.action} failed: ${error.code}`,
      detail: `ErrorCode: ${error.code}\nMessage: ${error.message}\nRequestId: ${error.requestId}\nHTTP status: ${error.httpStatus}`,
      ...(attribute ? { attribute: { steps: [{ attribute_name: attribute }] } } : {}),
    };
  }
  // A bad environment or account file is the person's to fix: the message says how, a stack would not help.
  const detail = error instanceof EmulatorConfigError ? "" : ((error as Error).stack ?? "");
  return { severity: ERROR, summary: `${what}: ${(error as Error).message}`, detail };
}

function dynamic(value: CtyValue): DynamicValueMessage {
  return { msgpack: encodeValue(value) };
}

function fromDynamic(message: DynamicValueMessage | null | undefined): CtyValue {
  if (!message) return null;
  if (message.msgpack && message.msgpack.length > 0) return decodeValue(message.msgpack);
  if (message.json && message.json.length > 0) return JSON.parse(message.json.toString("utf8"));
  return null;
}

/** An object of the block's shape: every attribute present (null when absent), list and set blocks as lists. */
export function conform(block: JsonBlock, value: Record<string, unknown>): CtyObject {
  const out: CtyObject = {};
  for (const name of Object.keys(block.attributes ?? {})) out[name] = (value[name] ?? null) as CtyValue;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const v = value[name];
    if (nested.nesting_mode === "single" || nested.nesting_mode === "group") {
      out[name] = v === null || v === undefined ? null : conform(nested.block, v as Record<string, unknown>);
    } else if (nested.nesting_mode === "map") {
      out[name] = Object.fromEntries(Object.entries((v ?? {}) as Record<string, Record<string, unknown>>).map(([k, e]) => [k, conform(nested.block, e)]));
    } else {
      out[name] = ((v ?? []) as Record<string, unknown>[]).map((e) => conform(nested.block, e));
    }
  }
  return out;
}

// proto-loader decodes requests into untyped objects; each handler reads the fields its RPC defines.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (request: any) => object | Promise<object>;
/** A request as a Handler takes it. */
type ProtoRequest = Parameters<Handler>[0];

export function providerService(schemas: ProviderSchemas): Record<string, grpc.handleUnaryCall<ProtoRequest, object>> {
  let region = process.env.ALICLOUD_REGION || "cn-beijing";
  const schemaResponse = {
    provider: schemaToProto(schemas.provider),
    resource_schemas: Object.fromEntries(Object.entries(schemas.resources).map(([k, s]) => [k, schemaToProto(s)])),
    data_source_schemas: Object.fromEntries(Object.entries(schemas.dataSources).map(([k, s]) => [k, schemaToProto(s)])),
    diagnostics: [],
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
  };

  const resource = (typeName: string) => {
    const r = MANAGED_RESOURCES[typeName];
    if (!r) throw new Error(`unsupported resource type ${typeName}`);
    return r;
  };

  const handlers: Record<string, Handler> = {
    GetMetadata: () => ({
      server_capabilities: schemaResponse.server_capabilities,
      diagnostics: [],
      data_sources: Object.keys(schemas.dataSources).map((type_name) => ({ type_name })),
      resources: Object.keys(schemas.resources).map((type_name) => ({ type_name })),
    }),
    GetProviderSchema: () => schemaResponse,
    GetFunctions: () => ({ diagnostics: [] }),
    ValidateProviderConfig: () => ({ diagnostics: [] }),
    ConfigureProvider: (req) => {
      const config = fromDynamic(req.config) as CtyObject | null;
      const configured = config && typeof config.region === "string" ? config.region : undefined;
      region = configured || process.env.ALICLOUD_REGION || "cn-beijing";
      return { diagnostics: [] };
    },
    ValidateResourceConfig: (req) => {
      const config = fromDynamic(req.config) as CtyObject;
      return { diagnostics: (resource(req.type_name).validate?.(config) ?? []).map(problemDiagnostic) };
    },
    ValidateDataResourceConfig: (req) => {
      const config = fromDynamic(req.config) as CtyObject;
      return { diagnostics: (DATA_SOURCES[req.type_name]?.validate?.(config) ?? []).map(problemDiagnostic) };
    },
    UpgradeResourceState: (req) => {
      const schema = schemas.resources[req.type_name];
      const raw = req.raw_state?.json?.length ? JSON.parse(req.raw_state.json.toString("utf8")) : {};
      return { upgraded_state: dynamic(conform(schema.block, raw)), diagnostics: [] };
    },
    ReadResource: async (req) => {
      const current = fromDynamic(req.current_state) as CtyObject | null;
      if (current === null) return { new_state: req.current_state, diagnostics: [], private: req.private };
      try {
        const state = await resource(req.type_name).read(new SlbClient(region), current);
        return { new_state: dynamic(state), diagnostics: [], private: req.private };
      } catch (error) {
        return { new_state: req.current_state, diagnostics: [errorDiagnostic(error, `reading ${req.type_name} ${current.id}`)], private: req.private };
      }
    },
    PlanResourceChange: (req) => {
      const prior = fromDynamic(req.prior_state) as CtyObject | null;
      const proposed = fromDynamic(req.proposed_new_state) as CtyObject | null;
      const config = fromDynamic(req.config) as CtyObject | null;
      if (proposed === null)
        return { planned_state: dynamic(null), requires_replace: [], planned_private: Buffer.alloc(0), diagnostics: [], legacy_type_system: true };
      const attributes = schemas.resources[req.type_name].block.attributes ?? {};
      const r = resource(req.type_name);
      const planned: CtyObject = { ...proposed, ...(config && r.plannedValues ? r.plannedValues(config, prior) : {}) };
      const requiresReplace: { steps: { attribute_name: string }[] }[] = [];
      if (prior === null) {
        // Create: whatever the cloud decides (computed and not configured) is unknown until apply.
        for (const [name, a] of Object.entries(attributes)) {
          if (a.computed && (config?.[name] ?? null) === null) planned[name] = UNKNOWN;
        }
      } else {
        for (const name of r.forceNew) {
          if (!sameValue(prior[name] ?? null, proposed[name] ?? null)) requiresReplace.push({ steps: [{ attribute_name: name }] });
        }
        for (const [changed, alias] of r.aliases ?? []) {
          if (!sameValue(prior[changed] ?? null, proposed[changed] ?? null) && (config?.[alias] ?? null) === null) planned[alias] = UNKNOWN;
        }
      }
      return {
        planned_state: dynamic(planned),
        requires_replace: requiresReplace,
        planned_private: Buffer.alloc(0),
        diagnostics: [],
        legacy_type_system: true,
      };
    },
    ApplyResourceChange: async (req) => {
      const prior = fromDynamic(req.prior_state) as CtyObject | null;
      const planned = fromDynamic(req.planned_state) as CtyObject | null;
      const r = resource(req.type_name);
      const client = new SlbClient(region);
      try {
        if (planned === null) {
          await r.delete(client, prior!);
          return { new_state: dynamic(null), private: Buffer.alloc(0), diagnostics: [], legacy_type_system: true };
        }
        // Every known planned value is kept; the unknowns are filled in from the final Read. Null when
        // that Read found nothing (the Go code then clears the ID and reports no error, as the SDK does).
        const state = prior === null ? await r.create(client, planned) : await r.update(client, prior, planned);
        return { new_state: dynamic(state), private: Buffer.alloc(0), diagnostics: [], legacy_type_system: true };
      } catch (error) {
        const what = planned === null ? "deleting" : prior === null ? "creating" : "updating";
        // A failure after something changed keeps what the SDK would save (a created object stays, tainted);
        // otherwise the object stays as it was: gone if never created, else the prior state.
        const [state, cause] = error instanceof PartialApply ? [error.state, error.cause] : [prior, error];
        return {
          new_state: dynamic(state),
          private: Buffer.alloc(0),
          diagnostics: [errorDiagnostic(cause, `${what} ${req.type_name}`, r.errorAttributes)],
          legacy_type_system: true,
        };
      }
    },
    ImportResourceState: (req) => {
      const schema = schemas.resources[req.type_name];
      // Only the ID: Terraform reads the rest right after (ReadResource).
      const state = conform(schema.block, { id: req.id });
      return { imported_resources: [{ type_name: req.type_name, state: dynamic(state), private: Buffer.alloc(0) }], diagnostics: [] };
    },
    ReadDataSource: async (req) => {
      const config = fromDynamic(req.config) as CtyObject;
      const source = DATA_SOURCES[req.type_name];
      try {
        const state = await source.read(new SlbClient(region), config);
        return { state: dynamic(state), diagnostics: [] };
      } catch (error) {
        return { state: req.config, diagnostics: [errorDiagnostic(error, `reading data source ${req.type_name}`)] };
      }
    },
    StopProvider: () => ({ Error: "" }),
  };

  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (call: grpc.ServerUnaryCall<ProtoRequest, object>, callback: grpc.sendUnaryData<object>) => {
        const fail = (error: unknown) => {
          process.stderr.write(`[ERROR] ${name}: ${(error as Error).stack}\n`);
          callback({ code: grpc.status.INTERNAL, details: (error as Error).message });
        };
        try {
          Promise.resolve(handler(call.request)).then((response) => callback(null, response), fail);
        } catch (error) {
          fail(error);
        }
      },
    ]),
  );
}
