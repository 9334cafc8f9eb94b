/**
 * The emulator's environment or account file cannot be used (SLB_EMULATOR_STATE
 * names a device or a file that is not an account; SLB_EMULATOR_FAIL names no
 * action). One line for a person: the CLI prints it alone, the provider returns
 * it as a Terraform diagnostic.
 */
export class EmulatorConfigError extends Error {}
