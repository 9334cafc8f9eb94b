import { CaCertificateInfo, InspectOptions, inspectCaCertificate } from "../x509/inspect-ca-certificate";
import { MAX_PEM_LENGTH } from "../x509/pem";
import { ClientVerification, VerifyClientOptions, verifyClient } from "../x509/verify-client";
import { certificateRules } from "../rules/catalogue";
import { Rule } from "../rules/rule";
import { validateCaCertificateName, validateResourceGroupId } from "./validate-name";
import { MAX_TAGS, MAX_TAG_LENGTH, validateTags } from "./validate-tags";
import { ValidationProblem } from "../problems";

/**
 * The checks a CaCertificate makes, without a construct: for pipelines, other
 * tools and tests. Each is pure (no I/O, no clock other than `now`), and the
 * same code the construct runs at synth.
 *
 * @example
 * const info = CaCertificateValidator.inspect(pem); // throws CaCertificateValidationError listing every problem
 * console.log(info.fingerprint, info.expireTime);
 */
export class CaCertificateValidator {
  /** Longest PEM text read, in characters (64 KiB): a CA certificate is a few KiB. */
  public static readonly MAX_PEM_LENGTH: number = MAX_PEM_LENGTH;
  /** Most tags one Alibaba Cloud resource may hold. */
  public static readonly MAX_TAGS: number = MAX_TAGS;
  /** Longest tag value, in characters. A key has at most 64 (TagResources' rule: the provider sends tags with TagResources). */
  public static readonly MAX_TAG_LENGTH: number = MAX_TAG_LENGTH;

  /**
   * Validates a CA certificate the way SLB's UploadCACertificate would, plus
   * the checks that keep mutual TLS sound, and returns what SLB would report
   * about it.
   * @param pem the PEM text: exactly one CERTIFICATE block, RSA 2048 or 4096, CA:TRUE, valid now
   * @param options when validity is judged, and the expiry warning threshold
   * @returns the certificate's facts, with the findings that do not stop synth in `warnings`
   * @throws CaCertificateValidationError listing every problem found (in other languages the message starts with that name, then lists each problem with its code)
   */
  public static inspect(pem: string, options: InspectOptions = {}): CaCertificateInfo {
    return inspectCaCertificate(pem, options);
  }

  /**
   * Checks tags against the rules of the calls that carry them in a deploy:
   * TagResources (the provider uploads without tags, then tags) and
   * UploadCACertificate, the stricter rule by rule (a key of 1 to 64
   * characters is TagResources'). Each message names the API whose rule it is.
   * Keys or values that are unresolved tokens are skipped: they are only known
   * at deploy time.
   * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-tagresources
   * @param tags the tags
   * @returns every problem found; empty when the tags are acceptable
   */
  public static validateTags(tags?: { [key: string]: string }): ValidationProblem[] {
    return validateTags(tags);
  }

  /**
   * Checks a CA certificate name against the rule SetCACertificateName
   * documents (UploadCACertificate documents none; the stricter rule is
   * applied so that a later rename cannot fail). A token is skipped.
   * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-setcacertificatename
   * @param name the name as declared (without the uniqueness suffix)
   * @returns the problem found, or an empty list
   */
  public static validateName(name?: string): ValidationProblem[] {
    return validateCaCertificateName(name);
  }

  /**
   * Checks the shape of a resource group ID: `rg-` then lowercase letters and
   * digits, as the Resource Manager console shows them. A token is skipped.
   * @param resourceGroupId the ID
   * @returns the problem found, or an empty list
   */
  public static validateResourceGroupId(resourceGroupId?: string): ValidationProblem[] {
    return validateResourceGroupId(resourceGroupId);
  }

  /**
   * Verifies a client certificate against a CA, as `clientCertificates` does,
   * for pipelines and other languages: the CA's own problems (messages starting
   * with "the CA:"), then the client's.
   * @param caPem the CA certificate in PEM
   * @param clientPem the client certificate in PEM, followed by the intermediates it sends
   * @param options when validity is judged, and what messages call the sample
   * @returns the verdict: accepted or not, every problem and warning, the client's subject and expiry
   */
  public static verifyClient(caPem: string, clientPem: string, options: VerifyClientOptions = {}): ClientVerification {
    return verifyClient(caPem, clientPem, options);
  }

  /**
   * Every rule a CaCertificate enforces, by code, with its effect, what it
   * catches and why: the README's "What gets rejected, and why" table.
   * @returns a fresh list, in the table's order
   */
  public static rules(): Rule[] {
    return certificateRules();
  }

  private constructor() {}
}
