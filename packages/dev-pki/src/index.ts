export {
  createCa,
  issueCertificate,
  serviceNames,
  type CertificateAndKey,
  type CreateCaOptions,
  type IssueCertificateOptions,
  type KeyUsage,
  type ValidityOptions,
} from './certificates.ts';
export { createDemoClient, type ClientEntry, type DemoClient } from './demo-client.ts';
export { writeMountedFile, writeSecretFile, writeTlsFiles } from './files.ts';
export {
  generateDevMaterial,
  readDemoClient,
  services,
  type GenerateOptions,
  type GenerateResult,
} from './generate.ts';
export { generateJwtKey, type JwtKey } from './jwt-key.ts';
