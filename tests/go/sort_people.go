package main

import (
	"fmt"
	"sort"
	"strings"
)

type Person struct {
	Name string
	Age  int
	City string
}

type ByAge []Person

func (a ByAge) Len() int           { return len(a) }
func (a ByAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a ByAge) Less(i, j int) bool { return a[i].Age < a[j].Age }

func main() {
	people := []Person{
		{"Alice", 30, "Paris"}, {"Bob", 25, "Rome"}, {"Carol", 35, "Paris"},
		{"Dave", 25, "Berlin"}, {"Eve", 30, "Rome"}, {"Frank", 40, "Berlin"},
	}
	sort.Sort(ByAge(people))
	fmt.Println("by age:", people)

	sort.SliceStable(people, func(i, j int) bool { return people[i].City < people[j].City })
	for _, p := range people {
		fmt.Printf("  %-7s %-6s %d\n", p.Name, p.City, p.Age)
	}

	sort.Slice(people, func(i, j int) bool {
		if people[i].Age != people[j].Age {
			return people[i].Age > people[j].Age
		}
		return people[i].Name < people[j].Name
	})
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	fmt.Println(strings.Join(names, ","))

	words := []string{"banana", "Apple", "cherry", "apple", "Banana"}
	sort.Strings(words)
	fmt.Println(words)
	sort.Slice(words, func(i, j int) bool { return strings.ToLower(words[i]) < strings.ToLower(words[j]) })
	fmt.Println(len(words), sort.StringsAreSorted(words))

	nums := []int{5, 2, 9, 1, 5, 6}
	sort.Sort(sort.Reverse(sort.IntSlice(nums)))
	fmt.Println(nums)
	sort.Ints(nums)
	i := sort.SearchInts(nums, 5)
	fmt.Println(nums, i, sort.SearchInts(nums, 7))
}
