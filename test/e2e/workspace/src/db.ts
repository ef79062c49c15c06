// The database password is inline in the connection string.
export const connectionString = 'postgres://weather:Hq7vP2mX9kLr4Tz8@db.internal:5432/weather';
