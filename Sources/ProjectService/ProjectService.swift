// The projects service; its types land here.
