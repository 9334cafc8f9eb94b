import { DataTerraformRemoteStateOssConfig, OssBackend, TerraformStack } from "cdktf";
import { CaCertificateUserError } from "../errors";

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
 * encrypted, with TableStore locking when given.
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
   * Gives a stack its OSS backend in this layout (named after the stack's id).
   * @param stack the producing stack
   * @returns the backend, for escape hatches
   */
  public addBackend(stack: TerraformStack): OssBackend {
    return new OssBackend(stack, {
      bucket: this.props.bucket,
      region: this.props.region,
      endpoint: this.props.endpoint,
      prefix: this.prefixOf(stack.node.id),
      key: STATE_KEY,
      encrypt: true,
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
