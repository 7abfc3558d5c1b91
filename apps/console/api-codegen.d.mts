// Types of api-codegen.mjs, for vite.config.ts (the console's TypeScript does not check JavaScript).
export declare const OPENAPI_JSON: string;
export declare const SCHEMA_TS: string;
/** The text schema.d.ts should have for the committed openapi.json. */
export declare function generateSchema(): Promise<string>;
/** null when schema.d.ts is current, else what to do about it. */
export declare function staleSchema(): Promise<string | null>;
