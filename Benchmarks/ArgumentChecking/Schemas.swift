import ToolSchema

/// Schemas that match the JSONParsing fixtures, so valid payloads validate.
enum Schemas {
    static let weather: JSONValue = [
        "type": "object",
        "properties": ["city": ["type": "string"], "unit": ["type": "string", "enum": ["celsius", "fahrenheit"]]],
        "required": ["city"],
        "additionalProperties": false,
    ]

    static let booking: JSONValue = [
        "type": "object",
        "properties": [
            "from": ["type": "string", "minLength": 1], "to": ["type": "string", "minLength": 1],
            "date": ["type": "string", "format": "date"],
            "departure_time": ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"],
            "passengers": ["type": "integer", "minimum": 1, "maximum": 9],
            "seat_class": ["type": "string", "enum": ["business", "first", "second"]],
            "return_trip": ["type": "boolean"],
            "passenger_names": ["type": "array", "items": ["type": "string"], "maxItems": 9],
            "contact_email": ["type": "string", "format": "email"], "notes": ["type": "string", "maxLength": 500],
        ],
        "required": ["from", "to", "date", "passengers"],
        "additionalProperties": false,
    ]

    static let order: JSONValue = [
        "type": "object",
        "properties": [
            "order_id": ["type": "string", "pattern": "^ORD-[0-9]{4}-[0-9]+$"],
            "customer": [
                "type": "object",
                "properties": [
                    "id": ["type": "integer"], "name": ["type": "string"],
                    "email": ["type": "string", "format": "email"],
                ],
                "required": ["id", "name"],
            ],
            "items": [
                "type": "array",
                "minItems": 1,
                "items": [
                    "type": "object",
                    "properties": [
                        "sku": ["type": "string", "pattern": "^SKU-[0-9]+$"], "name": ["type": "string"],
                        "quantity": ["type": "integer", "minimum": 1], "unit_price": ["type": "number", "minimum": 0],
                        "options": [
                            "type": "object",
                            "properties": [
                                "color": ["enum": ["red", "blue", "green"]], "gift_wrap": ["type": "boolean"],
                            ],
                        ],
                        "tags": ["type": "array", "items": ["type": "string"]],
                    ],
                    "required": ["sku", "quantity"],
                ],
            ],
            "shipping_address": [
                "type": "object",
                "properties": [
                    "street": ["type": "string"], "city": ["type": "string"], "postal_code": ["type": "string"],
                    "country": ["type": "string", "minLength": 2, "maxLength": 2],
                ],
                "required": ["street", "city", "country"],
            ],
            "payment": [
                "anyOf": [
                    [
                        "type": "object", "properties": ["method": ["const": "card"], "last4": ["type": "string"]],
                        "required": ["method", "last4"],
                    ],
                    ["type": "object", "properties": ["method": ["const": "balance"]], "required": ["method"]],
                ]
            ],
            "priority": ["enum": ["standard", "express"]], "notes": ["type": ["string", "null"]],
        ],
        "required": ["order_id", "items", "shipping_address", "payment"],
    ]

    static let bulk: JSONValue = [
        "type": "object",
        "properties": [
            "records": [
                "type": "array",
                "items": [
                    "type": "object",
                    "properties": [
                        "id": ["type": "integer", "minimum": 0], "name": ["type": "string"],
                        "score": ["type": "number"],
                        "active": ["type": "boolean"], "tags": ["type": "array", "items": ["type": "string"]],
                        "meta": [
                            "type": "object",
                            "properties": ["region": ["type": "string"], "weight": ["type": "integer"]],
                        ],
                    ],
                    "required": ["id", "name"],
                ],
            ]
        ],
        "required": ["records"],
    ]
}
