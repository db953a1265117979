package main

import (
	"fmt"
	"sort"
	"strings"
)

func render(v interface{}, indent int, sb *strings.Builder) {
	pad := strings.Repeat("  ", indent)
	switch x := v.(type) {
	case map[string]interface{}:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		sb.WriteString("{\n")
		for i, k := range keys {
			fmt.Fprintf(sb, "%s  %q: ", pad, k)
			render(x[k], indent+1, sb)
			if i < len(keys)-1 {
				sb.WriteString(",")
			}
			sb.WriteString("\n")
		}
		sb.WriteString(pad + "}")
	case []interface{}:
		sb.WriteString("[")
		for i, e := range x {
			if i > 0 {
				sb.WriteString(", ")
			}
			render(e, indent, sb)
		}
		sb.WriteString("]")
	case string:
		fmt.Fprintf(sb, "%q", x)
	case nil:
		sb.WriteString("null")
	case float64:
		sb.WriteString(fmt.Sprint(x))
	default:
		fmt.Fprintf(sb, "%v", x)
	}
}

func main() {
	doc := map[string]interface{}{
		"name":    "csp",
		"version": 1.5,
		"tags":    []interface{}{"go", "csp", 3, true},
		"owner":   map[string]interface{}{"login": "gopher", "id": 42, "site": nil},
		"empty":   map[string]interface{}{},
	}
	var sb strings.Builder
	render(doc, 0, &sb)
	fmt.Println(sb.String())
}
