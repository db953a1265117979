// skip-go
package main

import (
	"fmt"
	"maps"
	"slices"
	"sort"
)

func main() {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := maps.Keys(m)
	sort.Strings(keys)
	fmt.Println(keys, len(keys))
	vals := maps.Values(m)
	sort.Ints(vals)
	fmt.Println(vals)
	fmt.Println(slices.Sorted(maps.Keys(m)))
	c := maps.Clone(m)
	c["d"] = 4
	fmt.Println(len(m), len(c), maps.Equal(m, c))
	delete(c, "d")
	fmt.Println(maps.Equal(m, c))
	maps.DeleteFunc(c, func(k string, v int) bool { return v%2 == 1 })
	fmt.Println(c)
	dst := map[string]int{"z": 26}
	maps.Copy(dst, m)
	fmt.Println(dst)
}
