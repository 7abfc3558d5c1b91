export * from './config/app-config';
export * from './config/config.module';
export * from './errors/all-exceptions.filter';
export * from './errors/error-body';
export * from './errors/http-status';
export * from './http/request-id';
export * from './http/validation.pipe';
