export * from "./ca-certificate";
export * from "./inspect-ca-certificate";
export * from "./validate-tags";
export * from "./validate-name";
export * from "./validation-error";
export { MAX_PEM_LENGTH } from "./pem";
export { SLB_REGIONS, isKnownSlbRegion } from "./regions";
export * from "./rules";
export * from "./ca-certificate-ref";
