module github.com/iamlab/iamlab

go 1.26

require (
	github.com/stretchr/testify v1.12.1 // indirect
	golang.org/x/crypto v0.58.0 // indirect
)
