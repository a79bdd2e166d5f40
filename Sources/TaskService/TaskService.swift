// The tasks service; its types land here.
