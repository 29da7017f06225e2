package source_test

import (
	"fmt"

	"github.com/errcat/errcat/internal/source"
)

// The built-in catalogs, then any sources a user gives (files,
// directories, git:REV:PATH); a later domain overrides an earlier one.
func ExampleSet() {
	set, err := source.Set(true)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range set.Catalogs() {
		fmt.Println(c.Domain.ID, c.File)
	}
	// Output:
	// aliyun.polardb catalogs/aliyun.polardb.yaml
	// huaweicloud.css catalogs/huaweicloud.css.yaml
	// privatecloud.retcode catalogs/privatecloud.retcode.yaml
	// tencentcloud.common catalogs/tencentcloud.common.yaml
	// zilliz.cloud catalogs/zilliz.cloud.yaml
}

// A malformed git source is a *SpecError, which a command reports as a
// usage error.
func ExampleLoad_spec() {
	_, err := source.Load("git:HEAD")
	fmt.Println(err)
	// Output:
	// "git:HEAD": want git:REV:PATH
}
