import pg from 'pg';

// Mistake: the database password is inline in the connection string.
const connectionString = 'postgres://weather:Hq7vP2mX9kLr4Tz8@db.internal:5432/weather';

// Fine: the password comes from the environment.
const replicaUrl = `postgres://weather:${process.env.DB_PASSWORD}@replica.internal:5432/weather`;

export const pool = new pg.Pool({ connectionString });
export const replica = new pg.Pool({ connectionString: replicaUrl });
