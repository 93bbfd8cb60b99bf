#ifndef TOOLSCHEMA_CYAML_SHIM_H
#define TOOLSCHEMA_CYAML_SHIM_H
#include <yaml.h>
#endif
