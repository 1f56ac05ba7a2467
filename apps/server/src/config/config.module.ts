/** DI token for the parsed configuration; the value is provided by `InfraModule.forRoot`. */
export const CONFIG = Symbol('CONFIG');
