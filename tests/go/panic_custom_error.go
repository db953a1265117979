package main

import "fmt"

type ConfigError struct {
	Key string
}

func (e ConfigError) Error() string { return "missing config key " + e.Key }

func load(keys map[string]string, k string) string {
	v, ok := keys[k]
	if !ok {
		panic(ConfigError{k})
	}
	return v
}

func main() {
	cfg := map[string]string{"host": "localhost"}
	fmt.Println(load(cfg, "host"))
	fmt.Println(load(cfg, "port"))
}
