"""The lunar city: people, habitats, life support and what the city needs from Earth."""
