/**
 * Test helper: the type of JSON a test reads back (synthesized Terraform, a
 * decoded protocol message). Deliberately loose, in this one place: its shape
 * is Terraform's (or the protocol's), and the assertions that read it are
 * what check it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one loose type of the tests, see above
export type Json = any;
