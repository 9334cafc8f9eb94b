/**
 * The console's CA certificate name rule is SLB's (SetCACertificateName): the
 * same names pass and fail as in the emulated API, and a refusal names the
 * value (escaped), what is wrong, and the rule with its source.
 */
import { emptyAccount, SlbError } from "../../emulator/account";
import { setCaCertificateName, uploadCaCertificate } from "../../emulator/api/ca-certificates";
import { CA_CERTIFICATE_NAME_RULE, caCertificateNameProblem } from "../../emulator/name-rules";
import { example } from "../support/fixtures";

const RULE = `a CA certificate name is ${CA_CERTIFICATE_NAME_RULE}.`;

test.each([
  ["client-ca", undefined],
  ["a", undefined],
  ["证书.ca_v1-2", undefined],
  ["A".repeat(80), undefined],
  ["", `"" is empty: ${RULE}`],
  ["A".repeat(81), `"${"A".repeat(81)}" is 81 characters long: ${RULE}`],
  ["1ca", `"1ca" does not start with a letter or a Chinese character: ${RULE}`],
  ["-ca", `"-ca" does not start with a letter or a Chinese character: ${RULE}`],
  ["ca name", `"ca name" holds " ", which is not allowed: ${RULE}`],
  ["ca\nforged", `"ca\\nforged" holds "\\n", which is not allowed: ${RULE}`],
  ["ca\u001b[31m", `"ca\\u001b[31m" holds "\\u001b", which is not allowed: ${RULE}`],
  ["ca/x", `"ca/x" holds "/", which is not allowed: ${RULE}`],
])("%j: %s", (name, problem) => {
  expect(caCertificateNameProblem(name)).toBe(problem);
});

test("the rule names SetCACertificateName as its source", () => {
  expect(CA_CERTIFICATE_NAME_RULE).toBe(
    '1 to 80 characters, starting with a letter or a Chinese character, then letters, digits, Chinese characters, ".", "_" or "-" (SLB SetCACertificateName)',
  );
});

test("the same names pass and fail as the emulated SetCACertificateName judges them", () => {
  const account = emptyAccount();
  const { CACertificateId } = uploadCaCertificate(account, { RegionId: "cn-hangzhou", CACertificate: example("sample-root-ca.pem") });
  const names = ["ok", "证书", "a.b_c-d", "A".repeat(80), "A".repeat(81), "", "9", "_a", "a b", "a\n", "a:b", "ä", "a\u4e00"];
  const api = names.map((name) => {
    try {
      setCaCertificateName(account, { RegionId: "cn-hangzhou", CACertificateId, CACertificateName: name });
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(SlbError);
      return false;
    }
  });
  expect(names.map((name) => caCertificateNameProblem(name) === undefined)).toEqual(api);
  expect(api.filter(Boolean).length).toBeGreaterThan(2);
  expect(api.filter((ok) => !ok).length).toBeGreaterThan(2);
});
