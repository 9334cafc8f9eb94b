/**
 * The sweeper: deletes every load balancer and certificate that carries the
 * acceptance run's tag (one run's, or any run's), in the order SLB allows:
 * load balancers first (their listeners go with them), then certificates.
 * Against the real cloud through SLB's API; against the local account
 * through the emulator's actions.
 */
import { withAccount } from "../emulator/account-file";
import { deleteCaCertificate } from "../emulator/api/ca-certificates";
import { deleteLoadBalancer } from "../emulator/api/load-balancers";
import { deleteServerCertificate } from "../emulator/api/server-certificates";
import { Credentials, SlbApiError, callSlb } from "./slb-rpc";

export interface SweepTarget {
  /** IDs of the resources of a type that carry the tag `key` (with `value`, when given). */
  tagged(resourceType: "instance" | "certificate", key: string, value?: string): Promise<string[]>;
  deleteLoadBalancer(id: string): Promise<void>;
  /** Deletes a CA or a server certificate (the tag API lists both as "certificate"). */
  deleteCertificate(id: string): Promise<void>;
}

/** What the sweep deleted, one line each, and what it could not. */
export interface SweepReport {
  readonly deleted: string[];
  readonly failed: string[];
}

export async function sweep(target: SweepTarget, key: string, value?: string): Promise<SweepReport> {
  const deleted: string[] = [];
  const failed: string[] = [];
  for (const [type, remove] of [
    ["instance", (id: string) => target.deleteLoadBalancer(id)],
    ["certificate", (id: string) => target.deleteCertificate(id)],
  ] as const) {
    for (const id of await target.tagged(type, key, value)) {
      try {
        await remove(id);
        deleted.push(`${type === "instance" ? "load balancer" : "certificate"} ${id}`);
      } catch (error) {
        failed.push(`${type === "instance" ? "load balancer" : "certificate"} ${id}: ${(error as Error).message}`);
      }
    }
  }
  return { deleted, failed };
}

/** The local account (SLB_EMULATOR_STATE), through the emulator's own actions: the calls are logged like any other. */
export function localSweepTarget(region: string): SweepTarget {
  const has = (tags: { Key: string; Value: string }[] | undefined, key: string, value?: string) =>
    (tags ?? []).some((t) => t.Key === key && (value === undefined || t.Value === value));
  return {
    async tagged(type, key, value) {
      return withAccount((account) =>
        type === "instance"
          ? account.loadBalancers.filter((l) => l.RegionId === region && has(l.Tags, key, value)).map((l) => l.LoadBalancerId)
          : [
              ...account.caCertificates.filter((c) => c.RegionId === region && has(c.Tags, key, value)).map((c) => c.CACertificateId),
              ...account.serverCertificates.filter((c) => c.RegionId === region && has(c.Tags, key, value)).map((c) => c.ServerCertificateId),
            ],
      );
    },
    async deleteLoadBalancer(id) {
      withAccount((account) => deleteLoadBalancer(account, { RegionId: region, LoadBalancerId: id }));
    },
    async deleteCertificate(id) {
      withAccount((account) =>
        account.caCertificates.some((c) => c.CACertificateId === id)
          ? deleteCaCertificate(account, { RegionId: region, CACertificateId: id })
          : deleteServerCertificate(account, { RegionId: region, ServerCertificateId: id }),
      );
    },
  };
}

/** Alibaba Cloud, through SLB's API with the provider's credentials. */
export function cloudSweepTarget(credentials: Credentials): SweepTarget {
  const withRetries = async (run: () => Promise<unknown>) => {
    // A listener or instance being deleted keeps SLB busy for a few seconds.
    for (let attempt = 1; ; attempt++) {
      try {
        await run();
        return;
      } catch (error) {
        const busy = error instanceof SlbApiError && /Busy|Configuring|IsRefered|Throttling|ServiceUnavailable/.test(error.code);
        if (!busy || attempt === 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 3000 * attempt));
      }
    }
  };
  return {
    async tagged(type, key, value) {
      const ids: string[] = [];
      let next: string | undefined;
      do {
        const page = await callSlb(credentials, "ListTagResources", {
          ResourceType: type,
          "Tag.1.Key": key,
          ...(value !== undefined ? { "Tag.1.Value": value } : {}),
          ...(next ? { NextToken: next } : {}),
        });
        const resources = ((page.TagResources as { TagResource?: { ResourceId: string }[] } | undefined)?.TagResource ?? []).map((r) => r.ResourceId);
        ids.push(...resources.filter((id) => !ids.includes(id)));
        next = (page.NextToken as string | undefined) || undefined;
      } while (next);
      return ids;
    },
    deleteLoadBalancer: (id) => withRetries(() => callSlb(credentials, "DeleteLoadBalancer", { LoadBalancerId: id })),
    deleteCertificate: (id) =>
      withRetries(async () => {
        try {
          await callSlb(credentials, "DeleteCACertificate", { CACertificateId: id });
        } catch (error) {
          if (!(error instanceof SlbApiError && error.code === "CACertificateId.NotFound")) throw error;
          await callSlb(credentials, "DeleteServerCertificate", { ServerCertificateId: id });
        }
      }),
  };
}
