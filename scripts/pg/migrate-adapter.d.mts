import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
export function postgresMigrateAdapter(url: string): SqlMigrationAwareDriverAdapterFactory;
