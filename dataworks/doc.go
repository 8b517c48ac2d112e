// Package dataworks is a small client for the Alibaba Cloud DataWorks OpenAPI (version
// 2024-05-18) actions wfc needs; see the package documentation in this file's end.
package dataworks

// APIVersion is the x-acs-version every call sends.
const APIVersion = "2024-05-18"
