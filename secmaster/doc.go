// Package secmaster is a small client for the Huawei Cloud SecMaster workflow ("AOP workflow")
// APIs wfc needs: workflows, versions, validation, import/export, instances and plugins
// (components). It signs requests with SDK-HMAC-SHA256 like the Huawei Cloud SDKs, or sends an
// IAM token, and keeps credentials out of every error, log line and printed value.
//
// Safe calls (GET, PUT, DELETE, and the read-only validation and export POSTs) are retried with
// exponential backoff and jitter on 429, 5xx and connection errors. Calls that create something
// are retried only when the request provably never left (connection refused) or was throttled
// (429); any other failure after sending is reported as ErrAmbiguous so the caller can read the
// state back instead of creating a duplicate.
//
// Package secmastertest holds an in-memory emulator of the same API for tests and
// `wfc dev-server`.
package secmaster
