package main

// The DataWorks lint rules register themselves with lint (lint.RegisterTargetRules) when
// linked; they run on workflows with target: dataworks.
import _ "github.com/wfc-dev/wfc/target/dataworks/rules"
