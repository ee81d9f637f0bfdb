// Fails when prisma/schema.prisma and the database built by our hand-written migrations disagree:
// tables, columns (type, nullability, default present), enums, indexes (columns, method, operator
// class) and foreign keys.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import internals from "@prisma/internals";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  isUpdatedAt: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  default?: unknown;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type UnsupportedField = { model: string; name: string; column: string; type: string; isRequired: boolean };

const schema = readFileSync(join(import.meta.dirname, "..", "..", "prisma", "schema.prisma"), "utf8");

const scalarTypes: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};
const nativeTypes: Record<string, (args: string[]) => string> = {
  Uuid: () => "uuid",
  Text: () => "text",
  Timestamptz: (args) => `timestamp(${args[0] ?? 6}) with time zone`,
  Timestamp: (args) => `timestamp(${args[0] ?? 6}) without time zone`,
  VarChar: (args) => (args[0] ? `character varying(${args[0]})` : "character varying"),
  Integer: () => "integer",
  SmallInt: () => "smallint",
  DoublePrecision: () => "double precision",
  Date: () => "date",
};

/**
 * Fields of a type Prisma cannot express (`Unsupported("tsvector")`) are left out of the DMMF, yet they
 * are real columns and may carry indexes, so they are read from the schema text.
 */
function unsupportedFields(): UnsupportedField[] {
  const fields: UnsupportedField[] = [];
  for (const block of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const line of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?(.*)$/gm)) {
      fields.push({
        model: block[1]!,
        name: line[1]!,
        column: line[4]!.match(/@map\("([^"]+)"\)/)?.[1] ?? line[1]!,
        type: line[2]!,
        isRequired: line[3] !== "?",
      });
    }
  }
  return fields;
}

/**
 * The database side names an index's operator class only when it is not the type's default. Prisma
 * accepts a GIN index on an enum column (the search filters index, via btree_gin) only with its class
 * written out, although btree_gin's enum_ops is the default class for enums.
 */
const shownClass = (operatorClass: string | undefined) => operatorClass && operatorClass !== "enum_ops";

async function expectedShape() {
  const dmmf = await internals.getDMMF({ datamodel: schema });
  const models = dmmf.datamodel.models as unknown as DmmfModel[];
  const enums = Object.fromEntries(
    dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]),
  );
  const enumNames = new Set(dmmf.datamodel.enums.map((e) => e.name));
  const tableOf = (model: string) => {
    const found = models.find((m) => m.name === model)!;
    return found.dbName ?? found.name;
  };
  const unsupported = unsupportedFields();
  const columnOf = (model: string, field: string) =>
    models.find((m) => m.name === model)!.fields.find((f) => f.name === field)?.dbName ??
    unsupported.find((f) => f.model === model && f.name === field)?.column ??
    field;

  const columns: string[] = [];
  const foreignKeys: string[] = [];
  for (const model of models) {
    const table = model.dbName ?? model.name;
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length) {
          const from = field.relationFromFields.map((f) => columnOf(model.name, f)).join(",");
          const to = field.relationToFields!.map((f) => columnOf(field.type, f)).join(",");
          const onDelete = (
            field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull")
          ).toUpperCase();
          foreignKeys.push(
            `${table}(${from}) -> ${tableOf(field.type)}(${to}) ON DELETE ${onDelete.replace("SETNULL", "SET NULL").replace("NOACTION", "NO ACTION")}`,
          );
        }
        continue;
      }
      let type: string;
      if (field.kind === "enum") type = field.type;
      else if (field.nativeType) type = nativeTypes[field.nativeType[0]]!(field.nativeType[1]);
      else type = scalarTypes[field.type]!;
      if (field.isList) type = `${type}[]`;
      const hasDbDefault = field.hasDefaultValue && !isClientDefault(field);
      columns.push(
        `${table}.${field.dbName ?? field.name} ${type} ${field.isRequired ? "NOT NULL" : "NULL"}${hasDbDefault ? " DEFAULT" : ""}`,
      );
      expect(enumNames.has(field.type) || type !== undefined, `${table}.${field.name}`).toBe(true);
    }
  }

  for (const field of unsupported) {
    columns.push(
      `${tableOf(field.model)}.${field.column} ${field.type} ${field.isRequired ? "NOT NULL" : "NULL"}`,
    );
  }

  const indexes: string[] = [];
  for (const index of dmmf.datamodel.indexes) {
    const table = tableOf(index.model);
    const cols = index.fields
      .map((f) => columnOf(index.model, f.name) + (shownClass(f.operatorClass) ? ` ${f.operatorClass}` : ""))
      .join(",");
    const kind = index.type === "id" ? "PRIMARY" : index.type === "unique" ? "UNIQUE" : "INDEX";
    const method = (index.algorithm ?? "BTree").toLowerCase();
    indexes.push(`${table} ${kind} (${cols}) ${method}`);
  }
  return {
    tables: models.map((m) => m.dbName ?? m.name).sort(),
    columns: columns.sort(),
    enums,
    indexes: indexes.sort(),
    foreignKeys: foreignKeys.sort(),
  };
}

/** uuid() and cuid() defaults are made by the client, not the database. */
function isClientDefault(field: DmmfField): boolean {
  const name = (field.default as { name?: string } | undefined)?.name;
  return name === "uuid" || name === "cuid" || name === "nanoid" || name === "ulid";
}

async function actualShape() {
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const columns = await prisma.$queryRaw<{ line: string }[]>`
    SELECT c.relname || '.' || a.attname || ' ' ||
           CASE WHEN t.typtype = 'e' THEN t.typname ELSE format_type(a.atttypid, a.atttypmod) END || ' ' ||
           CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END ||
           CASE WHEN a.atthasdef THEN ' DEFAULT' ELSE '' END AS line
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname <> '_prisma_migrations'`;
  const enumRows = await prisma.$queryRaw<{ name: string; value: string }[]>`
    SELECT t.typname AS name, e.enumlabel AS value
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`;
  const indexes = await prisma.$queryRaw<{ line: string }[]>`
    SELECT t.relname || ' ' ||
           CASE WHEN ix.indisprimary THEN 'PRIMARY' WHEN ix.indisunique THEN 'UNIQUE' ELSE 'INDEX' END ||
           ' (' || string_agg(a.attname || CASE WHEN oc.opcdefault THEN '' ELSE ' ' || oc.opcname END,
                              ',' ORDER BY k.ord) || ') ' || am.amname AS line
    FROM pg_index ix
    JOIN pg_class t ON t.oid = ix.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_am am ON am.oid = i.relam
    CROSS JOIN LATERAL unnest(ix.indkey::int2[], ix.indclass::oid[]) WITH ORDINALITY AS k(attnum, opclass, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    JOIN pg_opclass oc ON oc.oid = k.opclass
    WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
    GROUP BY t.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, am.amname`;
  const foreignKeys = await prisma.$queryRaw<{ line: string }[]>`
    SELECT src.relname || '(' || string_agg(sa.attname, ',' ORDER BY k.ord) || ') -> ' ||
           dst.relname || '(' || string_agg(da.attname, ',' ORDER BY k.ord) || ') ON DELETE ' ||
           CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'r' THEN 'RESTRICT' WHEN 'n' THEN 'SET NULL'
                                WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END AS line
    FROM pg_constraint con
    JOIN pg_class src ON src.oid = con.conrelid
    JOIN pg_class dst ON dst.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = src.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(src_att, dst_att, ord)
    JOIN pg_attribute sa ON sa.attrelid = src.oid AND sa.attnum = k.src_att
    JOIN pg_attribute da ON da.attrelid = dst.oid AND da.attnum = k.dst_att
    WHERE con.contype = 'f' AND n.nspname = 'public'
    GROUP BY src.relname, dst.relname, con.oid, con.confdeltype`;
  const enums: Record<string, string[]> = {};
  for (const row of enumRows) (enums[row.name] ??= []).push(row.value);
  return {
    tables: tables.map((t) => t.table_name).sort(),
    columns: columns.map((c) => c.line).sort(),
    enums,
    indexes: indexes.map((i) => i.line).sort(),
    foreignKeys: foreignKeys.map((f) => f.line).sort(),
  };
}

describe("schema drift", () => {
  it("the migrated database matches prisma/schema.prisma", async () => {
    const [expected, actual] = await Promise.all([expectedShape(), actualShape()]);
    expect(actual.tables).toEqual(expected.tables);
    expect(actual.enums).toEqual(expected.enums);
    expect(actual.columns).toEqual(expected.columns);
    expect(actual.indexes).toEqual(expected.indexes);
    expect(actual.foreignKeys).toEqual(expected.foreignKeys);
  });

  it("keeps Prisma Migrate's bookkeeping for every migration", async () => {
    const rows = await prisma.$queryRaw<
      { migration_name: string; checksum: string; finished_at: Date | null }[]
    >`
      SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    const { readMigrations } = await import("../../server/migrations.ts");
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(
      readMigrations().map((m) => [m.name, m.checksum]),
    );
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });
});
