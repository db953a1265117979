// skip-go
package main

import (
	"fmt"
	"slices"
	"strings"
)

type Person struct {
	Name string
	Age  int
}

func main() {
	s := []int{5, 2, 8, 1, 9, 3}
	fmt.Println(slices.Contains(s, 8), slices.Contains(s, 7))
	fmt.Println(slices.Index(s, 1), slices.Index(s, 42))
	fmt.Println(slices.Max(s), slices.Min(s))
	slices.Sort(s)
	fmt.Println(s)
	i, found := slices.BinarySearch(s, 8)
	fmt.Println(i, found)
	slices.Reverse(s)
	fmt.Println(s)
	words := []string{"pear", "Apple", "fig", "banana"}
	slices.Sort(words)
	fmt.Println(words)
	slices.SortFunc(words, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	fmt.Println(words)
	people := []Person{{"Ann", 30}, {"Bob", 25}, {"Cy", 35}}
	slices.SortFunc(people, func(a, b Person) int { return a.Age - b.Age })
	fmt.Println(people)
	idx := slices.IndexFunc(people, func(p Person) bool { return p.Name == "Cy" })
	fmt.Println(idx)
	c := slices.Clone(s)
	c[0] = 100
	fmt.Println(s[0], c[0], slices.Equal(s, c))
	s = slices.Insert(s, 1, 77, 78)
	fmt.Println(s)
	s = slices.Delete(s, 0, 2)
	fmt.Println(s)
	fmt.Println(slices.Compact([]int{1, 1, 2, 2, 2, 3, 1}))
	fl := []float64{2.5, -1, 3.25}
	fmt.Println(slices.Max(fl), slices.Min(fl))
	defer func() { fmt.Println("recovered:", recover()) }()
	slices.Max([]int{})
}
