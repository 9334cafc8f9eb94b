/**
 * SLB (CLB) region IDs. The mainland China and ap- rows were checked against
 * the CLB endpoint list; cn-hongkong, us-, eu- and me- are Alibaba Cloud's
 * public regions but were not checked there. A region not listed here gets a
 * warning, not an error: Alibaba Cloud adds regions over time.
 *
 * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-endpoint
 */
const SLB_REGIONS: readonly string[] = [
  "cn-qingdao",
  "cn-beijing",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-wulanchabu",
  "cn-hangzhou",
  "cn-shanghai",
  "cn-nanjing",
  "cn-fuzhou",
  "cn-shenzhen",
  "cn-heyuan",
  "cn-guangzhou",
  "cn-chengdu",
  "cn-hongkong",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "us-east-1",
  "us-west-1",
  "eu-west-1",
  "eu-central-1",
  "me-east-1",
  "me-central-1",
];

/** Whether a literal region ID is a known SLB region (internal; the API is {@link SlbRegions.isKnown}). */
export function isKnownSlbRegion(region: string): boolean {
  return SLB_REGIONS.includes(region);
}

/**
 * The SLB (CLB) region IDs this library knows. A CaCertificate whose provider
 * names another region gets the warning `CACertificate.UnknownRegion`, not an
 * error: Alibaba Cloud adds regions over time.
 */
export class SlbRegions {
  /**
   * Every known region ID, a fresh copy on each read. The mainland China and
   * ap- rows were checked against the CLB endpoint list; cn-hongkong, us-, eu-
   * and me- are Alibaba Cloud's public regions but were not checked there.
   * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-endpoint
   */
  public static get all(): string[] {
    return [...SLB_REGIONS];
  }

  /**
   * Whether a literal region ID is a known SLB region.
   * @param region a region ID such as "cn-hangzhou"
   */
  public static isKnown(region: string): boolean {
    return isKnownSlbRegion(region);
  }

  private constructor() {}
}
