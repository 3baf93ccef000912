export { createHttpCheckProvider, type HttpCheckOptions } from './create-http-check-provider.ts';
