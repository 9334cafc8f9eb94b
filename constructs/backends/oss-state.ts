import { Annotations, DataTerraformRemoteStateOssConfig, OssBackend, TerraformStack } from "cdktf";
import { CaCertificateUserError } from "../errors";
import { problem, ruleMessage } from "../problems";

/** Where a team keeps the Terraform state of its stacks in Alibaba Cloud OSS. */
export interface OssStateProps {
  /** The OSS bucket. */
  readonly bucket: string;
  /**
   * The folder of this app's state: each stack's state is `<prefix>/<stack>/terraform.tfstate`.
   * @default "cdktf/slb-ca" ({@link OssState.DEFAULT_PREFIX})
   */
  readonly prefix?: string;
  /**
   * The bucket's region.
   * @default - the backend's default: ALICLOUD_REGION at deploy time
   */
  readonly region?: string;
  /**
   * A custom OSS endpoint (e.g. an internal one).
   * @default - the region's public endpoint
   */
  readonly endpoint?: string;
  /**
   * TableStore endpoint for state locking, e.g. `https://tf-lock.cn-hangzhou.ots.aliyuncs.com`.
   * Give it with `tablestoreTable`.
   * @default - no locking: two deploys of one stack at a time can corrupt its state
   */
  readonly tablestoreEndpoint?: string;
  /**
   * TableStore table for state locking (primary key `LockID`, string).
   * @default - no locking
   */
  readonly tablestoreTable?: string;
}

const STATE_KEY = "terraform.tfstate";

/**
 * One OSS state layout, shared by the team that writes it and the teams that
 * read it: state of stack `<stack>` under `<prefix>/<stack>/terraform.tfstate`,
 * encrypted, with the object ACL `private` (a bucket's public-read default
 * never reaches the state), with TableStore locking when given, and a warning
 * (`OssState.NoLocking`) on the stack when not.
 *
 * ```ts
 * const state = new OssState({ bucket: "platform-tfstate", prefix: "teams/pki", region: "cn-shanghai" });
 * state.addBackend(pkiStack);                        // the producer
 * CaCertificate.fromRemoteState(this, "ClientCa", {  // a consumer, in another app
 *   certificatePath: "ClientCa", oss: state.remoteStateOf("pki") });
 * ```
 */
export class OssState {
  /**
   * The folder used when `prefix` is not given, by this class and by the example
   * app (STATE_OSS_PREFIX): a reader that omits it finds a producer that did.
   */
  public static readonly DEFAULT_PREFIX: string = "cdktf/slb-ca";

  /** The layout, as given. */
  public readonly props: OssStateProps;

  /**
   * @param props the bucket, the folder and the locking table
   * @throws CaCertificateUserError when only one of tablestoreEndpoint and tablestoreTable is given
   */
  constructor(props: OssStateProps) {
    if (Boolean(props.tablestoreEndpoint) !== Boolean(props.tablestoreTable)) {
      throw new CaCertificateUserError(
        `OssState: state locking needs both tablestoreEndpoint and tablestoreTable; got only ${props.tablestoreEndpoint ? "tablestoreEndpoint" : "tablestoreTable"}.`,
      );
    }
    this.props = props;
  }

  /**
   * The state folder of one stack: `<prefix>/<stack>`.
   * @param stackName the stack's id
   */
  public prefixOf(stackName: string): string {
    return `${this.props.prefix ?? OssState.DEFAULT_PREFIX}/${stackName}`;
  }

  /**
   * Gives a stack its OSS backend in this layout (named after the stack's id),
   * and warns on the stack when the layout has no lock table.
   * @param stack the producing stack
   * @returns the backend, for escape hatches
   */
  public addBackend(stack: TerraformStack): OssBackend {
    if (!this.props.tablestoreTable) {
      Annotations.of(stack).addWarning(
        ruleMessage(
          problem(
            "OssState.NoLocking",
            `the state of stack ${stack.node.id} in OSS bucket ${this.props.bucket} has no lock: two deploys at once can overwrite each other's state. Give OssState tablestoreEndpoint and tablestoreTable (a TableStore table with primary key LockID, string).`,
          ),
        ),
      );
    }
    return new OssBackend(stack, {
      bucket: this.props.bucket,
      region: this.props.region,
      endpoint: this.props.endpoint,
      prefix: this.prefixOf(stack.node.id),
      key: STATE_KEY,
      encrypt: true,
      // The state object's own ACL, whatever the bucket's default: the state holds
      // every resource's attributes, secrets included (docs/sharing.md).
      acl: "private",
      tablestoreEndpoint: this.props.tablestoreEndpoint,
      tablestoreTable: this.props.tablestoreTable,
    });
  }

  /**
   * Where a reader finds stack `stackName`'s state: the `oss` option of `CaCertificate.fromRemoteState`.
   * @param stackName the producing stack's id
   */
  public remoteStateOf(stackName: string): DataTerraformRemoteStateOssConfig {
    return {
      bucket: this.props.bucket,
      region: this.props.region,
      endpoint: this.props.endpoint,
      prefix: this.prefixOf(stackName),
      key: STATE_KEY,
    };
  }
}
