# One image for the indexer, the API and the web app; docker-compose.yml picks the command
# (`npm run index`, `npm run start:api`, `npm run start:web`). `npm run build` compiles the API and the
# indexer into dist/ (esbuild) and builds the SvelteKit app, so the containers run plain JavaScript; the
# API runs one process per core (API_WORKERS).
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 falls back to compiling from source when its prebuilt binary cannot be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# Manifests first, so the dependency layer is reused until a package.json or the lock file changes.
COPY package.json package-lock.json ./
COPY core/package.json core/
COPY query/package.json query/
COPY store/package.json store/
COPY indexer/package.json indexer/
COPY api/package.json api/
COPY web/package.json web/
COPY scripts/package.json scripts/postinstall.mjs scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:22-bookworm-slim
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The database lives in a volume mounted here; the folder must belong to the user that writes it.
RUN mkdir -p /app/var && chown node:node /app/var
USER node
ENV DATABASE_PATH=/app/var/skillway.db
EXPOSE 8080 3000
CMD ["npm", "run", "start:api"]
